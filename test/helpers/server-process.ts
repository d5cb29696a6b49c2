import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

/**
 * The real server as a child process (`server/index.ts`, exactly what `npm start` runs after the build),
 * for tests and benchmarks that need what `app.request()` cannot give: several instances at once, a
 * SIGKILL in the middle of a write, the memory of the server alone. Node runs tsx as a loader in the
 * same process (`node --import tsx`), so a signal reaches the server itself, not a wrapper.
 */

export const projectRoot = resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Sends the signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Where `alongside.sqlite` lives (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl?: string;
  /** Extra environment for the server, e.g. LOG_REQUESTS. */
  env?: Record<string, string>;
  /** Extra node options before the loader, e.g. `--max-old-space-size=…`. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

/** A port nobody listens on right now (the server is told to use it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    TZ: "UTC",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: options.dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", join(projectRoot, "server", "index.ts")],
    { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in time:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Alongside is running")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    output: () => output,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
