import { existsSync } from "node:fs";
import { join } from "node:path";
import { firstAdminSetupLink } from "./auth/bootstrap-admin.ts";
import { readConfig } from "./env.ts";
import { insecureCookieWarning } from "./http/cookie-warning.ts";
import { defaultStaticDir } from "./paths.ts";
import { prepareDatabase, startServer } from "./start.ts";

// The only file that listens on a port.
const config = readConfig();
const handle = await prepareDatabase(config, join(config.dataDir, "alongside.sqlite"));
if (!existsSync(join(defaultStaticDir, "index.html"))) {
  console.warn("The client is not built yet: run `npm run build` (npm start does this for you).");
}
const server = await startServer(config, handle);
console.log(`Alongside is running at ${config.publicUrl} (${handle.dialect}).`);
const cookieWarning = insecureCookieWarning(config);
if (cookieWarning) console.warn(cookieWarning);
const link = await firstAdminSetupLink(handle.db, config.publicUrl, new Date());
if (link) {
  console.log(
    "\nNo administrator has a password yet. Open this one-time link (valid for 24 hours) to set it:",
  );
  console.log(`  ${link}`);
  console.log("The administrator's email for signing in afterwards is admin@alongside.local.\n");
}

// SIGTERM (a service manager, a rolling restart) and SIGINT (Ctrl-C): report not-ready, refuse new
// connections, let requests in flight finish (bounded), close the database, exit 0. A second signal
// while draining stops at once.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    const graceMs = (config.drainSeconds ?? 10) * 1000;
    console.log(`Stopping (${signal}): finishing the requests in flight, for at most ${graceMs / 1000} s.`);
    server.drain(graceMs).then(
      () => {
        console.log("Stopped.");
        process.exit(0);
      },
      (error: unknown) => {
        console.error("Stopping failed:", error);
        process.exit(1);
      },
    );
  });
}
