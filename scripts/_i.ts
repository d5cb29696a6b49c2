import { benchIngest } from "./bench-ingest.ts";
const dialect = (process.argv[2] ?? "sqlite") as "sqlite" | "postgres";
const prof = process.argv[3];
console.log(await benchIngest({ dialect, postgresUrl: "postgres://alongside:alongside@127.0.0.1:54330/alongside", tablets: 20, batchSize: 50, batchesPerTablet: 3, ...(prof ? { nodeArgs: prof.split(" ") } : {}) }));
