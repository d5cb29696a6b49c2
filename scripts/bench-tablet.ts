/**
 * Shared-tablet encryption, measured in Chromium with the CPU throttled 4× (DevTools
 * `Emulation.setCPUThrottlingRate`), the stand-in for a slow tablet (issue 17, decision 0035).
 * Measured, never asserted. Figures, median of RUNS (slowest in brackets), milliseconds:
 *
 * 1. PBKDF2-SHA-256 at several iteration counts, to choose `PIN_ITERATIONS` (target: unlocking in
 *    about 0.3–0.5 s on the throttled CPU).
 * 2. Unlocking a space with its PIN (PBKDF2 + unwrap + IndexedDB read), at `PIN_ITERATIONS`.
 * 3. Saving one answer: sealing a whole draft (with its 14 kB survey definition) and writing it to
 *    IndexedDB, next to writing the same draft in plain JSON (target: ≤ 50 ms).
 * 4. Opening a draft: reading and unsealing it, next to reading it plain.
 * 5. Queuing a finished interview (its own key, wrapped for the author and for the tablet's outbox
 *    pair), and making the outbox pair (once per tablet).
 * 7. The sealed outbox (decision 0042): queuing a finished interview through the app's `outbox.ts`
 *    (sealed + IndexedDB); and the tablet's own work of uploading a batch of 50 sealed interviews
 *    (opening each with the outbox private key, then re-sealing each with its receipt and without its
 *    answers in `settleAll`) next to settling 50 plain ones. The HTTP request itself is not included
 *    (no server here): scripts/bench-fieldwork.ts measures uploads end to end.
 *
 * 6. The encryption's share of "Start → first question": what the start screen and the interview
 *    screen do with the draft through the app's own `drafts.ts` (one `putDraft`, then one `getDraft`),
 *    with the researcher's space unlocked (sealed) and without a space (plain). The rest of
 *    "Start → first question" (SurveyJS rendering) is scripts/bench-fieldwork.ts's figure and does not
 *    change with encryption.
 *
 * The page is a blank page on 127.0.0.1 (a secure context, so WebCrypto is there) running the app's
 * own client/offline/space.ts, bundled by esbuild. Run: `npx tsx scripts/bench-tablet.ts`
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { projectRoot } from "../server/paths.ts";
import { chromiumPath } from "../test/helpers/test-env.ts";

const RUNS = 15;
const ITERATION_COUNTS = [100_000, 300_000, 600_000, 1_000_000];

const bundled = await build({
  stdin: {
    contents: `
      import * as space from "./client/offline/space.ts";
      import * as envelope from "./client/offline/envelope.ts";
      import * as db from "./client/offline/db.ts";
      import { sealPlaintextFor } from "./client/offline/space-migration.ts";
      import * as drafts from "./client/offline/drafts.ts";
      import { spaceSession } from "./client/offline/space-session.ts";
      import * as outbox from "./client/offline/outbox.ts";
      window.bench = { space, envelope, db, sealPlaintextFor, drafts, spaceSession, outbox };
    `,
    resolveDir: projectRoot,
    loader: "ts",
  },
  bundle: true,
  format: "iife",
  write: false,
  target: "es2022",
  logLevel: "silent",
});
const script = bundled.outputFiles[0]?.text ?? "";
const definition = JSON.parse(
  readFileSync(join(projectRoot, "surveys/instruments/participant-interview.json"), "utf8"),
);

// tsx compiles the function handed to page.evaluate with esbuild's keepNames, which calls `__name`.
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html" });
  res.end(
    `<!doctype html><title>bench</title><script>window.__name = (f) => f;</script><script>${script.replace(/<\/script/g, "<\\/script")}</script>`,
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

type Figures = Record<string, number[]>;

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base);
  const cdp = await context.newCDPSession(page);
  // PBKDF2 unthrottled first: Chromium runs WebCrypto on a worker thread, which the DevTools throttle
  // (a main-thread throttle) does not slow down; the two runs side by side show it.
  const unthrottled = (await page.evaluate(
    async ({ counts }) => {
      // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, in the page.
      const { envelope } = (window as any).bench;
      const out: Record<string, number[]> = {};
      const salt = envelope.randomBytes(16);
      for (const n of counts) {
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          await envelope.wrapKey(
            await envelope.newDataKey(true),
            await envelope.pinKey("482913", salt, n),
            "pin",
          );
          const label = `pbkdf2 ${n}, not throttled`;
          out[label] = [...(out[label] ?? []), performance.now() - start];
        }
      }
      return out;
    },
    { counts: ITERATION_COUNTS },
  )) as Figures;
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  const figures = (await page.evaluate(
    async ({ runs, counts, definition }) => {
      // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, in the page.
      const { space, envelope, db, drafts, spaceSession, outbox } = (window as any).bench;
      const out: Record<string, number[]> = {};
      const time = async (label: string, work: () => Promise<unknown>) => {
        out[label] ??= [];
        const start = performance.now();
        await work();
        out[label].push(performance.now() - start);
      };
      const salt = envelope.randomBytes(16);
      for (const n of counts) {
        for (let i = 0; i < 5; i++) {
          await time(`pbkdf2 ${n}, throttled`, async () => {
            const key = await envelope.pinKey("482913", salt, n);
            // deriveKey is lazy in some engines: use the key once.
            await envelope.wrapKey(await envelope.newDataKey(true), key, "pin");
          });
        }
      }
      const owner = { ownerId: "u-bench", ownerName: "Bench" };
      const s = await space.createSpace(owner, "482913", null);
      for (let i = 0; i < runs; i++) await time("unlock", () => space.unlockWithPin(owner.ownerId, "482913"));

      const draft = {
        id: crypto.randomUUID(),
        ...owner,
        survey: {
          id: "p",
          title: "Participant interview",
          description: "",
          version: 1,
          publishedAt: "2026-11-01",
        },
        version: {
          surveyId: "p",
          version: 1,
          title: "Participant interview",
          publishedAt: "2026-11-01",
          definition,
        },
        setup: { participantCode: "ABCD-EFGH", wave: 0, areaId: "north", administrationMode: "read_aloud" },
        startedAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        stage: "questions",
        data: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}`, `answer ${i} `.repeat(5)])),
        pageNo: 3,
        view: "interviewer",
        handedOver: false,
      };
      const fieldwork = await db.database();
      for (let i = 0; i < runs; i++) {
        draft.data.q0 = `changed ${i}`;
        await time("save plain", () => fieldwork.put("drafts", { ...draft, id: "plain" }));
        await time("save sealed", async () => fieldwork.put("drafts", await space.sealDraft(s, draft)));
      }
      for (let i = 0; i < runs; i++) {
        await time("open plain", () => fieldwork.get("drafts", "plain"));
        await time("open sealed", async () => space.openDraft(s, await fieldwork.get("drafts", draft.id)));
      }
      const plainOwner = { ownerId: "u-no-space", ownerName: "No space" };
      spaceSession.unlocked(s);
      for (let i = 0; i < runs; i++) {
        const id = crypto.randomUUID();
        await time("start: put+get draft, sealed", async () => {
          await drafts.putDraft({ ...draft, id });
          await drafts.getDraft(id, owner.ownerId);
        });
        const plainId = crypto.randomUUID();
        await time("start: put+get draft, plain", async () => {
          await drafts.putDraft({ ...draft, ...plainOwner, id: plainId });
          await drafts.getDraft(plainId, plainOwner.ownerId);
        });
      }
      for (let i = 0; i < 3; i++) {
        await time("make outbox pair (once per tablet)", () =>
          space.ensureOutboxKeys({ keyId: `k${i}`, key: "A".repeat(43) }),
        );
      }
      const interview = {
        kind: "interview",
        id: crypto.randomUUID(),
        ...owner,
        surveyTitle: "Participant interview",
        item: { id: "x", participantCode: "ABCD-EFGH", data: draft.data },
        queuedAt: new Date().toISOString(),
        state: "waiting",
        attempts: 0,
        lastError: null,
        receipt: null,
        settledAt: null,
      };
      for (let i = 0; i < runs; i++)
        await time("queue sealed interview", () => space.sealOutboxRecord(s, interview));

      // The sealed outbox through the app's outbox.ts (decision 0042).
      const upload = { keyId: "k-bench", key: "B".repeat(43) };
      await space.ensureOutboxKeys(upload);
      const fresh = (who: { ownerId: string; ownerName: string }) => ({
        ...interview,
        ...who,
        id: crypto.randomUUID(),
        queuedAt: new Date().toISOString(),
      });
      for (let i = 0; i < runs; i++)
        await time("outbox: queue sealed + IndexedDB", () => outbox.queue(fresh(owner)));
      const privateKey = await space.openOutboxKey(upload);
      const now = new Date().toISOString();
      const receipt = { outcome: "accepted", receivedAt: now };
      for (let r = 0; r < 5; r++) {
        const batch = Array.from({ length: 50 }, () => fresh(owner));
        for (const record of batch) await outbox.queue(record);
        const ids = new Set<string>(batch.map((record) => record.id));
        await time("upload 50 sealed: open + re-seal", async () => {
          const stored = (await outbox.waitingRecords()).filter((x: { id: string }) => ids.has(x.id));
          const keys = new Map();
          // As the sync engine opens them: all at once (decision 0049).
          await Promise.all(
            stored.map(async (record: { id: string }) => {
              const key = await space.recordKeyForUpload(privateKey, record);
              await space.openOutboxWith(key, record);
              keys.set(record.id, key);
            }),
          );
          await outbox.settleAll(
            stored.map((x: { id: string }) => ({ id: x.id, receipt })),
            now,
            keys,
          );
        });
        const plain = Array.from({ length: 50 }, () => fresh(plainOwner));
        for (const record of plain) await outbox.queue(record);
        await time("upload 50 plain: settle", () =>
          outbox.settleAll(
            plain.map((x) => ({ id: x.id, receipt })),
            now,
          ),
        );
      }
      return out;
    },
    { runs: RUNS, counts: ITERATION_COUNTS, definition },
  )) as Figures;
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  console.log("Shared-tablet encryption in Chromium, CPU throttled 4×, median (slowest), milliseconds:");
  for (const [label, runs] of Object.entries({ ...unthrottled, ...figures }))
    console.log(`  ${label.padEnd(36)} ${fmt(runs)}`);
  console.log("Targets: unlock about 300–500 ms; one answer's save ≤ 50 ms (measured, not asserted).");
  await context.close();
} finally {
  await browser.close();
  server.close();
}

function fmt(runs: number[]): string {
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `${median.toFixed(1).padStart(7)} (${(sorted.at(-1) ?? Number.NaN).toFixed(1)})`;
}
