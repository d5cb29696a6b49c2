import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServerProcess } from "../test/helpers/server-process.ts";
const rss = (pid: number) => readFileSync(`/proc/${pid}/status`, "utf8").split("\n").filter((l) => /VmRSS|VmHWM|Threads/.test(l)).join(" ").replace(/\s+/g, " ");
const s = await startServerProcess({ dataDir: mkdtempSync(join(tmpdir(), "m-")), nodeArgs: process.argv.slice(2) });
await new Promise((r) => setTimeout(r, 1000));
console.log("idle", rss(s.pid));
await s.kill();
