import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import { chromium } from "playwright-core";
import { chromiumPath } from "../test/helpers/test-env.ts";

/**
 * Makes the PNG icons a tablet needs to install the app (the web app manifest in vite.config.ts and the
 * apple-touch-icon in client/index.html) from our one drawing, client/public/favicon.svg, so they never
 * drift from it. The system Chromium renders the SVG at each size and screenshots it; the pixels are
 * then written as small PNGs: an 8-bit palette where the icon has at most 256 colours (it does: two
 * colours and their anti-aliased edges), no alpha channel where every pixel is opaque, nothing but the
 * image chunks. Run it again after changing favicon.svg, and commit what it writes:
 *
 *   npx tsx scripts/make-icons.ts
 */

const publicDir = resolve(import.meta.dirname, "../client/public");

interface Icon {
  file: string;
  size: number;
  /**
   * "any": the drawing as it is, rounded corners transparent. "full-bleed": a square of the drawing's
   * own background colour (the theme colour) with the drawing at `scale` in the middle, for platforms
   * that cut their own shape: a maskable icon's artwork must stay inside the central circle of 80%
   * of the width (the glyph reaches 40% of the drawing's width from its centre, so 0.8 keeps it at 32%).
   */
  kind: "any" | "full-bleed";
  scale: number;
}

const icons: Icon[] = [
  { file: "icon-192.png", size: 192, kind: "any", scale: 1 },
  { file: "icon-512.png", size: 512, kind: "any", scale: 1 },
  { file: "icon-maskable-512.png", size: 512, kind: "full-bleed", scale: 0.8 },
  // iOS rounds the corners itself and shows transparency as black: opaque, drawing at full size.
  { file: "apple-touch-icon.png", size: 180, kind: "full-bleed", scale: 1 },
];

async function main(): Promise<void> {
  const svg = readFileSync(join(publicDir, "favicon.svg"), "utf8");
  const background = /<rect\b[^>]*\bfill="(#[0-9a-fA-F]{6})"/.exec(svg)?.[1];
  if (!background) throw new Error('favicon.svg has no <rect fill="#rrggbb"> to take the background from.');
  const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  try {
    for (const icon of icons) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      const side = Math.round(icon.size * icon.scale);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;display:grid;place-items:center;height:100vh;` +
          `background:${icon.kind === "any" ? "transparent" : background}">` +
          `<img src="${source}" width="${side}" height="${side}" alt=""></body></html>`,
      );
      await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      const shot = await page.screenshot({ type: "png", omitBackground: icon.kind === "any" });
      await page.close();
      const image = decodePng(shot);
      if (image.width !== icon.size || image.height !== icon.size) {
        throw new Error(`${icon.file}: rendered ${image.width}×${image.height}, not ${icon.size}.`);
      }
      const png = encodePng(image);
      // What is written must decode to exactly the pixels Chromium drew.
      if (!decodePng(png).rgba.equals(image.rgba))
        throw new Error(`${icon.file}: re-encoding changed pixels.`);
      writeFileSync(join(publicDir, icon.file), png);
      console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes (screenshot ${shot.length})`);
    }
  } finally {
    await browser.close();
  }
}

// --- PNG, as much of it as this needs: 8-bit, non-interlaced, colour types 2 (RGB), 3 (palette) and
// 6 (RGBA). Chromium's screenshots are RGBA; what is written is the smallest of the three that keeps
// every pixel.

interface Image {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA, not premultiplied. */
  rgba: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("Not a PNG.");
  let width = 0;
  let height = 0;
  let colourType = 0;
  let palette: Buffer = Buffer.alloc(0);
  let alphas: Buffer = Buffer.alloc(0);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9] ?? 0;
      if (body[8] !== 8 || body[12] !== 0 || ![2, 3, 6].includes(colourType)) {
        throw new Error("Only 8-bit, non-interlaced RGB, palette or RGBA PNGs are read here.");
      }
    } else if (type === "PLTE") palette = body;
    else if (type === "tRNS") alphas = body;
    else if (type === "IDAT") data.push(body);
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1;
  const rows = unfilter(inflateSync(Buffer.concat(data)), width, height, channels);
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    if (colourType === 3) {
      const index = rows[i] ?? 0;
      palette.copy(rgba, i * 4, index * 3, index * 3 + 3);
      rgba[i * 4 + 3] = index < alphas.length ? (alphas[index] ?? 255) : 255;
    } else {
      rows.copy(rgba, i * 4, i * channels, i * channels + 3);
      rgba[i * 4 + 3] = channels === 4 ? (rows[i * 4 + 3] ?? 255) : 255;
    }
  }
  return { width, height, rgba };
}

function encodePng({ width, height, rgba }: Image): Buffer {
  const opaque = rgba.every((byte, i) => i % 4 !== 3 || byte === 255);
  const colours = new Map<number, number>();
  for (let i = 0; i < rgba.length && colours.size <= 256; i += 4) {
    const key = rgba.readUInt32BE(i);
    if (!colours.has(key)) colours.set(key, colours.size);
  }
  const chunks: Buffer[] = [];
  let colourType: number;
  let pixels: Buffer;
  let channels: number;
  if (colours.size <= 256) {
    colourType = 3;
    channels = 1;
    // Translucent entries first, so tRNS can stop at the last of them.
    const keys = [...colours.keys()].sort((a, b) => (a & 0xff) - (b & 0xff));
    const index = new Map(keys.map((key, i) => [key, i]));
    const plte = Buffer.alloc(keys.length * 3);
    const trns = Buffer.alloc(keys.filter((key) => (key & 0xff) < 255).length);
    keys.forEach((key, i) => {
      plte.writeUIntBE(key >>> 8, i * 3, 3);
      if (i < trns.length) trns[i] = key & 0xff;
    });
    pixels = Buffer.alloc(width * height);
    for (let i = 0; i < pixels.length; i++) pixels[i] = index.get(rgba.readUInt32BE(i * 4)) ?? 0;
    chunks.push(chunk("PLTE", plte));
    if (trns.length > 0) chunks.push(chunk("tRNS", trns));
  } else if (opaque) {
    colourType = 2;
    channels = 3;
    pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) rgba.copy(pixels, i * 3, i * 4, i * 4 + 3);
  } else {
    colourType = 6;
    channels = 4;
    pixels = rgba;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType;
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    ...chunks,
    chunk("IDAT", deflateSync(filter(pixels, width, height, channels, colourType !== 3), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Palette images compress best unfiltered; true colour gets each row's best filter (least sum). */
function filter(pixels: Buffer, width: number, height: number, bpp: number, adaptive: boolean): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = Buffer.concat([Buffer.from([0]), row]);
    if (adaptive) {
      let bestCost = Number.POSITIVE_INFINITY;
      for (let type = 0; type < 5; type++) {
        const candidate = Buffer.alloc(stride + 1);
        candidate[0] = type;
        let cost = 0;
        for (let x = 0; x < stride; x++) {
          const a = x >= bpp ? (row[x - bpp] ?? 0) : 0;
          const b = above[x] ?? 0;
          const c = x >= bpp ? (above[x - bpp] ?? 0) : 0;
          const value = ((row[x] ?? 0) - predict(type, a, b, c)) & 0xff;
          candidate[x + 1] = value;
          cost += value < 128 ? value : 256 - value;
        }
        if (cost < bestCost) [best, bestCost] = [candidate, cost];
      }
    }
    best.copy(out, y * (stride + 1));
  }
  return out;
}

function unfilter(data: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0;
      out[y * stride + x] = ((data[y * (stride + 1) + 1 + x] ?? 0) + predict(type, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(type: number, a: number, b: number, c: number): number {
  switch (type) {
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      return 0;
  }
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

await main();
