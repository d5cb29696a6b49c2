import type { Config } from "../env.ts";

/** Loopback names and addresses: only this machine can reach a server there. */
function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/**
 * The sentence printed once at start when sign-in cookies go without `Secure` to people who reach the
 * server over the network (issue 14, finding 10): on plain http a session cookie can be read by anyone
 * on the same network path. Null when the cookies are `Secure`, or when only this machine can connect.
 */
export function insecureCookieWarning(
  config: Pick<Config, "publicUrl" | "host" | "secureCookies">,
): string | null {
  if (config.secureCookies) return null;
  let publicHost: string;
  try {
    publicHost = new URL(config.publicUrl).hostname;
  } catch {
    publicHost = "";
  }
  if (isLoopback(publicHost) && isLoopback(config.host)) return null;
  return (
    `Warning: sign-in cookies are sent without the Secure flag (PUBLIC_URL is ${config.publicUrl}, ` +
    `listening on ${config.host}). Anyone on the network between a browser and this server could read ` +
    "a session. Serve the app over https (a reverse proxy with TLS) and set PUBLIC_URL to its https:// address."
  );
}
