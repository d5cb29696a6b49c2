/**
 * The schema library's own messages in plain words. Most forms check their fields before sending,
 * so these reach a person only where a form's check and the server's disagree (a name over the
 * server's length limit, say); then "Too big: expected string to have <=120 characters" read like
 * a developer's log. A message we have no words for (the server's own, already written for people)
 * is kept as it is.
 */
export function issueWords(message: string): string {
  for (const [pattern, words] of rules) {
    const match = message.match(pattern);
    if (match) return words(match[1] ?? "");
  }
  return message;
}

const rules: [RegExp, (limit: string) => string][] = [
  [
    /^Too big: expected string to have <=?(\d+) characters?$/,
    (n) => `Too long: use ${n} characters or fewer.`,
  ],
  [/^Too small: expected string to have >=?1 characters?$/, () => "This cannot be left empty."],
  [
    /^Too small: expected string to have >=?(\d+) characters?$/,
    (n) => `Too short: use at least ${n} characters.`,
  ],
  [/^Too big: expected array to have <=?(\d+) items?$/, (n) => `Too many: choose ${n} or fewer.`],
  [/^Too small: expected array to have >=?(\d+) items?$/, (n) => `Too few: choose at least ${n}.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (n) => `Use a number no more than ${n}.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (n) => `Use a number no less than ${n}.`],
  [/^Invalid input: expected number, received \w+$/, () => "Enter a number."],
  [/^Invalid input: expected (?:string|boolean|object|array), received undefined$/, () => "This is needed."],
  [/^Invalid input: expected \w+, received \w+$/, () => "This is not the kind of answer expected here."],
  [/^Invalid option: expected one of .*$/, () => "Choose one of the options offered."],
  [/^Invalid (?:email address|email)$/i, () => "Enter an email address, like name@example.org."],
];

/** A field's path in words: ["targets", 0, "interviews"] → "Targets › 1 › Interviews". */
export function pathWords(path: readonly (string | number)[]): string {
  return path
    .map((part) => {
      if (typeof part === "number") return String(part + 1);
      const words = part
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/[_.-]+/g, " ")
        .toLowerCase();
      return words.charAt(0).toUpperCase() + words.slice(1);
    })
    .join(" › ");
}
