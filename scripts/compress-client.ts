import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Files worth compressing: text. Pictures (PNG) are compressed already; source maps are never served. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/i;
/** Below this a compressed copy saves less than its headers cost. */
const SMALLEST = 1024;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside `file`, which the server sends to a browser
 * that accepts them (server/http/static.ts): the client is 2.4 MB of JavaScript and CSS as built and
 * about 0.5 MB compressed, and a tablet may be on a weak mobile signal when it first opens the app or
 * takes an update. Compressed once, at build, never per request.
 */
export async function compressFile(file: string): Promise<void> {
  const body = readFileSync(file);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        // Quality 10, not the maximum 11: survey-core's chunk is 275 KB against 270 KB, in 2.9 s against 9.4 s.
        [constants.BROTLI_PARAM_QUALITY]: 10,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipped(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
}

/** Every compressible file of the built client (`dir`) over 1 KiB gets its compressed copies. */
export async function compressClient(dir: string): Promise<number> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => readFileSync(file).length >= SMALLEST);
  await Promise.all(files.map(compressFile));
  return files.length;
}
