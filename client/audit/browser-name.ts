/**
 * A browser's identification string in a few words ("Chrome 156 on Linux"), as a data manager would
 * say it; the whole string stays on the page beneath for anyone who needs it. A string we cannot
 * read (a tablet's own upload client, a script) comes back as null and is shown whole.
 */
export function browserName(userAgent: string): string | null {
  const browser = browsers.find(([, pattern]) => pattern.test(userAgent));
  if (!browser) return null;
  const version = userAgent.match(browser[1])?.[1];
  const system = systems.find(([, pattern]) => pattern.test(userAgent))?.[0];
  const name = version ? `${browser[0]} ${version.split(".")[0]}` : browser[0];
  return system ? `${name} on ${system}` : name;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const browsers: [string, RegExp][] = [
  ["Edge", /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ["Opera", /OPR\/([\d.]+)/],
  ["Samsung Internet", /SamsungBrowser\/([\d.]+)/],
  ["Firefox", /(?:Firefox|FxiOS)\/([\d.]+)/],
  ["Chrome", /(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/],
  ["Safari", /Version\/([\d.]+).*Safari\//],
];

const systems: [string, RegExp][] = [
  ["Android", /Android/],
  ["an iPad", /iPad/],
  ["an iPhone", /iPhone/],
  ["Windows", /Windows/],
  ["ChromeOS", /CrOS/],
  ["a Mac", /Macintosh|Mac OS X/],
  ["Linux", /Linux/],
];
