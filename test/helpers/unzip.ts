import { crc32, inflateRawSync } from "node:zlib";

/**
 * Reads a ZIP archive the way an unzip tool does: from the central directory at the end, checking each
 * entry's local header, inflating its data and comparing the CRC-32 and sizes the archive states.
 */
export function unzip(archive: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(archive);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd !== buf.length - 22) throw new Error("no end of central directory record");
  const count = buf.readUInt16LE(eocd + 10);
  const directorySize = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (at + directorySize !== eocd) throw new Error("central directory size does not match");
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${n}`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if ((flags & 0x800) === 0) throw new Error(`${name}: name not flagged UTF-8`);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const localName = buf.subarray(local + 30, local + 30 + buf.readUInt16LE(local + 26)).toString("utf8");
    if (localName !== name) throw new Error(`${name}: local header names ${localName}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    const content = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    if (content.length !== size) throw new Error(`${name}: ${content.length} bytes, header says ${size}`);
    if (crc32(content) !== crc) throw new Error(`${name}: CRC mismatch`);
    const descriptor = dataStart + compressed;
    if ((flags & 0x8) !== 0 && buf.readUInt32LE(descriptor) !== 0x08074b50) {
      throw new Error(`${name}: data descriptor missing`);
    }
    files.set(name, content);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
