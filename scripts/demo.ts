import { rmSync } from "node:fs";
import { join } from "node:path";
import { seedDemo } from "../server/demo/seed-demo.ts";
import { readConfig } from "../server/env.ts";
import { prepareDatabase, startServer } from "../server/start.ts";

// A throwaway demo: a fresh SQLite file beside the real one, never the real data.
const config = readConfig();
const file = join(config.dataDir, "demo.sqlite");
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
const handle = await prepareDatabase(config, file);
const password = "demo-password-2026";
const { accounts, responses } = await seedDemo(handle.db, { now: new Date(), password });
const server = await startServer(config, handle);

console.log(`Alongside demo at ${config.publicUrl} with ${responses} synthetic interviews.`);
console.log("Accounts (all with the password below):");
for (const a of accounts)
  console.log(`  ${a.role.padEnd(16)} ${a.email.padEnd(42)} ${a.areaId ?? "all areas"}`);
console.log(`Password: ${password}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
