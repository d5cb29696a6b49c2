import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * A streaming ZIP writer: entries go out as they are produced, each compressed with DEFLATE a block
 * at a time, sizes and CRC in a data descriptor after the data (general purpose flag bit 3), so
 * nothing is held but the block in hand. Every block but the last ends with a sync flush, which
 * leaves the compressed stream byte-aligned and not final, so blocks compressed separately join into
 * one valid DEFLATE stream; an empty final block closes it. Names are UTF-8 (flag bit 11).
 *
 * ZIP64 is not written: an archive over 4 GiB fails loudly rather than coming out corrupt.
 */
export interface ZipEntry {
  name: string;
  content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const BLOCK = 64 * 1024;
const LIMIT = 0xffffffff;

interface Written {
  name: Uint8Array;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export async function* zipStream(entries: ZipEntry[], modified: Date): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(modified);
  const written: Written[] = [];
  let offset = 0;
  const emit = (bytes: Uint8Array) => {
    offset += bytes.length;
    if (offset > LIMIT) throw new Error("The export is too large for a ZIP file (over 4 GiB).");
    return bytes;
  };

  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const start = offset;
    yield emit(localHeader(name, time, date));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = (final: boolean): Uint8Array => {
      const input = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      const out = deflateRawSync(input, { finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      compressed += out.length;
      return out;
    };
    for await (const chunk of entry.content) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= BLOCK) yield emit(flush(false));
    }
    yield emit(flush(true));
    if (size > LIMIT || compressed > LIMIT) throw new Error(`${entry.name} is too large for a ZIP file.`);
    yield emit(dataDescriptor(crc, compressed, size));
    written.push({ name, crc, compressed, size, offset: start });
  }

  const directoryStart = offset;
  for (const entry of written) yield emit(centralHeader(entry, time, date));
  yield emit(endOfDirectory(written.length, offset - directoryStart, directoryStart));
}

function localHeader(name: Uint8Array, time: number, date: number): Uint8Array {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC and sizes (14–25) are zero: they follow the data in the descriptor.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function dataDescriptor(crc: number, compressed: number, size: number): Uint8Array {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(size, 12);
  return descriptor;
}

function centralHeader(entry: Written, time: number, date: number): Uint8Array {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE((3 << 8) | VERSION, 4); // made by: Unix, so the permissions below are read
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // extra length, comment length, disk number, internal attributes: zero
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfDirectory(count: number, size: number, offset: number): Uint8Array {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** MS-DOS date and time (2-second resolution, from 1980), in UTC. */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
