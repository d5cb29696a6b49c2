import { MIN_PASSWORD_LENGTH } from "./auth.ts";

/**
 * What makes a new password unacceptable, checked the same way by the forms (at once, as a hint) and by
 * the server (for real). Length is the main defence; on top of it we refuse what an attacker tries
 * first: the most used passwords and their "word + digits" variants, keyboard and number runs, a short
 * pattern repeated, and the person's own email. The list is small on purpose: it has to ship to the
 * browser, and a long password that is not on it is already far out of reach of online guessing,
 * which the sign-in lockout limits anyway.
 */

/** Words that, with only digits, symbols and look-alike characters around them, make a common password. */
const COMMON_WORDS = new Set([
  "password",
  "passwort",
  "passw",
  "pass",
  "qwerty",
  "qwertyuiop",
  "qwertz",
  "azerty",
  "letmein",
  "welcome",
  "admin",
  "administrator",
  "changeme",
  "iloveyou",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "soccer",
  "sunshine",
  "princess",
  "trustno",
  "master",
  "shadow",
  "superman",
  "batman",
  "starwars",
  "whatever",
  "freedom",
  "secret",
  "login",
  "abc",
  "abcdef",
  "abcdefgh",
  "hello",
  "helloworld",
  "liverpool",
  "arsenal",
  "chelsea",
  "manchester",
  "manutd",
  "london",
  "england",
  "summer",
  "winter",
  "michael",
  "jennifer",
  "charlie",
  "computer",
  "internet",
  "blink",
  "pokemon",
  "access",
  "default",
  "guest",
  "user",
  "test",
  "temp",
  "temppassword",
  "alongside",
  "meam",
  "survey",
  "research",
  "peerresearch",
  "peerresearcher",
  "coordinator",
  "evaluator",
  "homelesslink",
  "clinks",
  "mind",
  "collectivevoice",
]);

/** Whole passwords (lower-cased, spaces removed) seen near the top of leaked-password lists. */
const COMMON_PASSWORDS = new Set([
  "zaq12wsxcde3",
  "zaq1xsw2cde3",
  "1qazxsw23edc",
  "123qweasdzxc",
  "qweasdzxc123",
  "q1w2e3r4t5y6",
  "a1b2c3d4e5f6",
  "1a2b3c4d5e6f",
  "thequickbrownfox",
  "iloveyousomuch",
  "letmeinplease",
  "opensesame123",
  "mypasswordis",
  "thisismypassword",
  "nopassword123",
  "blink182blink182",
]);

/** Runs a person types by sliding along the keyboard or counting. */
const RUNS = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyzabc",
  "qwertyuiopasdfghjklzxcvbnm",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "1q2w3e4r5t6y7u8i9o0p",
  "q1w2e3r4t5y6u7i8o9p0",
  "qazwsxedcrfvtgbyhnujmikolp",
];

const LOOK_ALIKES: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "(": "c",
  "3": "e",
  "6": "g",
  "1": "i",
  "!": "i",
  "|": "l",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
  "+": "t",
  "2": "z",
};

function reverse(text: string): string {
  return [...text].reverse().join("");
}

function isRun(text: string): boolean {
  return RUNS.some(
    (run) => run.includes(text) || reverse(run).includes(text) || run.repeat(3).includes(text),
  );
}

const unLeet = (text: string) => [...text].map((ch) => LOOK_ALIKES[ch] ?? ch).join("");
const lettersOnly = (text: string) => text.replace(/[^a-z]/g, "");

/**
 * The word inside a password once digits and symbols around it are dropped, read plainly and with
 * look-alikes undone: "password2026" -> "password", "p@ssw0rd!!" -> "password".
 */
function coreWords(normalised: string): string[] {
  const middle = normalised.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const words = [lettersOnly(normalised), lettersOnly(unLeet(middle)), lettersOnly(unLeet(normalised))];
  // "letmein!letmein" -> "letmein"
  const units = words.map((word) => /^(.+?)\1+$/.exec(word)?.[1] ?? word);
  return [...words, ...units];
}

/**
 * Why this password is refused, as a sentence for the person choosing it, or null when it is fine.
 * `email` is the account's email, when known.
 */
export function passwordWeakness(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  const normalised = password.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? address;
    if (normalised === address || normalised === local || normalised.startsWith(address)) {
      return "Do not use your email address as your password.";
    }
  }
  if (new Set(normalised).size < 4 || /^(.+)\1+$/.test(normalised)) {
    return "This password repeats a short pattern. Use more different characters, or a few unrelated words.";
  }
  if (isRun(normalised)) {
    return "This password is a run of keys or numbers that is guessed early. Try a few unrelated words.";
  }
  if (COMMON_PASSWORDS.has(normalised) || coreWords(normalised).some((word) => COMMON_WORDS.has(word))) {
    return "This is one of the most common passwords, so it is guessed early. Try a few unrelated words.";
  }
  return null;
}
