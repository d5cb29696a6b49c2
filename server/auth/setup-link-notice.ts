/**
 * What `npm start` prints, last and framed, while no administrator has a password: the one-time setup
 * link on a line of its own, so it cannot be lost among the build's and the server's other lines.
 */
export function setupLinkNotice(link: string): string {
  const rule = "=".repeat(72);
  return [
    "",
    rule,
    "  Set up Alongside: no administrator has a password yet.",
    "  Open this one-time link in a browser (it works once, for 24 hours):",
    "",
    `  ${link}`,
    "",
    "  The administrator then signs in as admin@alongside.local.",
    rule,
    "",
  ].join("\n");
}
