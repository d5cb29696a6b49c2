import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { buildInputs, inputsHash, recordBuild, whyStale } from "../../scripts/build-freshness.mjs";

// `npm start` serves dist/ without rebuilding only when whyStale() finds nothing (scripts/build.ts).
// These build a small project tree on disk, record a "build" of it and change it the ways a developer,
// a checkout or another build would: every one of them must make the next start rebuild.

let root: string;

function write(file: string, content: string) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "alongside-build-"));
  write("package.json", "{}");
  write("package-lock.json", '{"lockfileVersion":3}');
  write("vite.config.ts", "export default {}");
  write("tsconfig.json", "{}");
  write("scripts/build.ts", "// build");
  write("scripts/build-server.ts", "// build server");
  write("client/main.tsx", "render()");
  write("client/admin/AdminPage.tsx", "export const A = 1;");
  write("shared/contract/problems.ts", "export const p = 1;");
  write("server/index.ts", "listen()");
  write("surveys/instruments/wellbeing.json", "{}");
  write("dist/client/index.html", "<!doctype html>");
  write("dist/server/index.js", "listen()");
  recordBuild(root, inputsHash(root));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

it("serves the recorded build while nothing has changed", () => {
  expect(whyStale(root)).toBeUndefined();
});

it.each([
  "package-lock.json",
  "vite.config.ts",
  "client/admin/AdminPage.tsx",
  "shared/contract/problems.ts",
  "server/index.ts",
  "surveys/instruments/wellbeing.json",
])("rebuilds after %s changes, even when its time stamp is set back", (file) => {
  const old = new Date("2020-01-01T00:00:00Z");
  write(file, "changed");
  utimesSync(join(root, file), old, old);
  expect(whyStale(root)).toBe("files changed since the last build");
});

it("rebuilds after a file is added to or removed from an input folder", () => {
  write("client/coordination/New.tsx", "export {}");
  expect(whyStale(root)).toBe("files changed since the last build");
  rmSync(join(root, "client/coordination/New.tsx"));
  expect(whyStale(root)).toBeUndefined();
  rmSync(join(root, "server/index.ts"));
  expect(whyStale(root)).toBe("files changed since the last build");
});

it("rebuilds after a file moves to another name with the same content", () => {
  write("client/admin/Renamed.tsx", "export const A = 1;");
  rmSync(join(root, "client/admin/AdminPage.tsx"));
  expect(whyStale(root)).toBe("files changed since the last build");
});

it("does not rebuild when a file is only touched (same content, newer time)", () => {
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, "server/index.ts"), later, later);
  expect(whyStale(root)).toBeUndefined();
});

it("rebuilds when an output is missing", () => {
  rmSync(join(root, "dist/server/index.js"));
  expect(whyStale(root)).toBe("no complete build yet");
});

it("rebuilds when there is no record, or the record is damaged", () => {
  rmSync(join(root, "dist/build-inputs.json"));
  expect(whyStale(root)).toBe("no record of what the build was made from");
  write("dist/build-inputs.json", "{not json");
  expect(whyStale(root)).toBe("no record of what the build was made from");
});

it("rebuilds when an output was rebuilt elsewhere (a plain vite build from other sources)", () => {
  const later = new Date(Date.now() + 60_000);
  write("dist/client/index.html", "<!doctype html><title>other</title>");
  utimesSync(join(root, "dist/client/index.html"), later, later);
  expect(whyStale(root)).toBe("the build was replaced since it was recorded");
});

it("hashes every input the build reads", () => {
  expect(buildInputs).toEqual(
    expect.arrayContaining(["package-lock.json", "vite.config.ts", "client", "shared", "server", "surveys"]),
  );
});
