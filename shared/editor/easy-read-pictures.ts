import { EASY_READ } from "../survey/locales.ts";
import { isObject, type JsonObject, normaliseSurvey, type SurveyJson } from "./survey-json.ts";

/**
 * Easy Read pictures (issue 18, decision 0038), rendered by standard SurveyJS so the interview needs
 * no code of its own: a question's picture is an `image` element just before it whose `imageLink`
 * and `altText` exist only in Easy Read (`{ "en-easy": … }`), shown only when the interview is in
 * Easy Read (`visibleIf: "{$survey.locale} = 'en-easy'"`). A choice's picture is the same, one `image` per
 * choice, on one row after the question. Pictures are data URLs inside the definition, so they are
 * stored with the survey version and shown offline.
 */

export const PICTURE_MAX_BYTES = 300 * 1024;
export const PICTURES_MAX_TOTAL_BYTES = 8 * 1024 * 1024;
export const EASY_READ_ONLY = `{$survey.locale} = '${EASY_READ}'`;
const PICTURE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/svg+xml"]);

/** The name of a question's picture element, and of a choice's. */
export function pictureName(question: string, choice?: string): string {
  return choice === undefined ? `${question}__easy_read` : `${question}__easy_read__${choice}`;
}

export type PictureCheck = { ok: true; bytes: number } | { ok: false; message: string };

function decodeBase64(data: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return null;
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** An SVG with anything that can run or fetch (script, event handlers, links out, foreign content) is refused. */
function svgProblem(svg: string): string | null {
  if (!/<svg[\s>]/i.test(svg)) return "This is not an SVG picture.";
  if (/<script|<foreignObject|<iframe|<embed|<object|<!ENTITY|<\?xml-stylesheet/i.test(svg))
    return "This SVG picture contains a script or embedded content. Save it as PNG instead.";
  if (/\son[a-z]+\s*=/i.test(svg)) return "This SVG picture contains a script. Save it as PNG instead.";
  if (/(?:href|src)\s*=\s*["']?\s*(?!#|data:image\/(?:png|jpeg|webp);)/i.test(svg))
    return "This SVG picture links to something outside it. Save it as PNG instead.";
  if (/javascript:|url\(\s*["']?\s*(?!#)/i.test(svg))
    return "This SVG picture links to something outside it. Save it as PNG instead.";
  return null;
}

/** Checks a picture given as a data URL: type, size, and that the bytes are what the type says. */
export function checkPicture(dataUrl: string): PictureCheck {
  const match = /^data:([a-z+/-]+)(;charset=[a-z0-9-]+)?;base64,(.*)$/is.exec(dataUrl);
  if (!match)
    return { ok: false, message: "The picture must be a file uploaded here (PNG, JPEG, WebP or SVG)." };
  const type = (match[1] ?? "").toLowerCase();
  if (!PICTURE_TYPES.has(type)) return { ok: false, message: "Use a PNG, JPEG, WebP or SVG picture." };
  const data = match[3] ?? "";
  if ((data.length * 3) / 4 > PICTURE_MAX_BYTES)
    return {
      ok: false,
      message: `The picture is larger than ${PICTURE_MAX_BYTES / 1024} KB. Make it smaller.`,
    };
  const bytes = decodeBase64(data);
  if (!bytes || bytes.length === 0) return { ok: false, message: "The picture file is damaged." };
  const isPng = startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const isJpeg = startsWith(bytes, [0xff, 0xd8, 0xff]);
  const isWebp =
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
  const fits =
    (type === "image/png" && isPng) ||
    (type === "image/jpeg" && isJpeg) ||
    (type === "image/webp" && isWebp) ||
    (type === "image/svg+xml" && !isPng && !isJpeg && !isWebp);
  if (!fits) return { ok: false, message: "The picture's contents do not match its type." };
  if (type === "image/svg+xml") {
    const problem = svgProblem(new TextDecoder().decode(bytes));
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, bytes: bytes.length };
}

export interface PictureIssue {
  /** The picture element's name. */
  where: string;
  message: string;
}

function localised(value: unknown, locale: string): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value[locale] === "string") return value[locale] as string;
  return undefined;
}

/**
 * Every picture in a definition (any `imageLink` of an image element or image choice, in any
 * language) that is a data URL is checked; an Easy Read picture needs a description (alt text).
 * Pictures at an http(s) address are left to the HTML rules; others are refused.
 */
export function checkPictures(definition: unknown): PictureIssue[] {
  const issues: PictureIssue[] = [];
  let total = 0;
  const visit = (owner: JsonObject, where: string) => {
    const link = owner.imageLink;
    const links = typeof link === "string" ? [link] : isObject(link) ? Object.values(link) : [];
    for (const value of links) {
      if (typeof value !== "string" || value === "" || /^https?:\/\//i.test(value)) continue;
      const result = checkPicture(value);
      if (!result.ok) issues.push({ where, message: result.message });
      else total += result.bytes;
    }
    if (owner.type === "image" && isObject(link) && typeof link[EASY_READ] === "string") {
      const alt = localised(owner.altText, EASY_READ);
      if (!alt || alt.trim() === "")
        issues.push({ where, message: "Say in words what the picture shows, for people who cannot see it." });
    }
  };
  const stack: { value: unknown; where: string }[] = [{ value: definition, where: "the survey" }];
  let steps = 0;
  while (stack.length > 0 && steps < 200_000) {
    steps += 1;
    const item = stack.pop();
    if (!item) continue;
    if (Array.isArray(item.value)) {
      for (const child of item.value) stack.push({ value: child, where: item.where });
    } else if (isObject(item.value)) {
      const where = typeof item.value.name === "string" ? item.value.name : item.where;
      if ("imageLink" in item.value) visit(item.value, where);
      for (const [key, child] of Object.entries(item.value)) {
        if (key !== "imageLink" && typeof child === "object" && child !== null)
          stack.push({ value: child, where });
      }
    }
  }
  if (total > PICTURES_MAX_TOTAL_BYTES) {
    issues.push({
      where: "the survey",
      message: `The pictures together are larger than ${PICTURES_MAX_TOTAL_BYTES / 1024 / 1024} MB. Use smaller pictures.`,
    });
  }
  return issues;
}

/** The Easy Read picture of a question (or of one of its choices), if there is one. */
export function pictureOf(
  definition: unknown,
  question: string,
  choice?: string,
): { dataUrl: string; alt: string } | null {
  const name = pictureName(question, choice);
  for (const page of normaliseSurvey(definition).pages) {
    for (const element of page.elements) {
      if (element.name !== name) continue;
      const dataUrl = localised(element.imageLink, EASY_READ);
      if (!dataUrl) return null;
      return { dataUrl, alt: localised(element.altText, EASY_READ) ?? "" };
    }
  }
  return null;
}

/**
 * A copy of the definition with a question's (or a choice's) Easy Read picture set, or removed when
 * `picture` is null. The picture element goes just before its question (a choice's just after it, in
 * choice order). Null when the question is not at the top level of a page.
 */
export function setPicture(
  definition: unknown,
  question: string,
  choice: string | undefined,
  picture: { dataUrl: string; alt: string } | null,
): SurveyJson | null {
  const survey = structuredClone(normaliseSurvey(definition));
  const name = pictureName(question, choice);
  for (const page of survey.pages) {
    const at = page.elements.findIndex((e) => e.name === question);
    if (at === -1) continue;
    page.elements = page.elements.filter((e) => e.name !== name);
    if (picture === null) return survey;
    const element = {
      type: "image",
      name,
      visibleIf: EASY_READ_ONLY,
      imageLink: { [EASY_READ]: picture.dataUrl },
      altText: { [EASY_READ]: picture.alt },
      imageFit: "contain",
      imageHeight: choice === undefined ? "160px" : "96px",
      imageWidth: choice === undefined ? "160px" : "96px",
    };
    const index = page.elements.findIndex((e) => e.name === question);
    if (choice === undefined) {
      page.elements.splice(index, 0, element);
    } else {
      let insertAt = index + 1;
      while (page.elements[insertAt]?.name.startsWith(`${question}__easy_read__`)) insertAt += 1;
      page.elements.splice(insertAt, 0, element);
    }
    // Choice pictures sit on one row under the question: every one after the first joins the row.
    let first = true;
    for (const e of page.elements) {
      if (!e.name.startsWith(`${question}__easy_read__`)) continue;
      if (first) delete e.startWithNewLine;
      else e.startWithNewLine = false;
      first = false;
    }
    return survey;
  }
  return null;
}

/**
 * Pictures travel with the draft only where they must (decision 0043). The editor's ordinary save sends
 * each picture as a reference, `alongside-picture:<fingerprint>`, and the server puts the stored picture
 * back before it saves; pictures themselves arrive only through the pictures route. So a draft with
 * many pictures still saves within the ordinary 64 KB body limit, and the stored draft, and every version
 * published from it, stays standard SurveyJS JSON with its pictures inside (shown offline).
 */
export const PICTURE_REFERENCE = "alongside-picture:";

/** A short fingerprint of a picture's data URL (53-bit cyrb53, as hex): which stored picture is meant. */
export function pictureFingerprint(dataUrl: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < dataUrl.length; i += 1) {
    const ch = dataUrl.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/** Calls `change` on every string value of every `imageLink` (a plain one or one per language). */
export function mapImageLinks(definition: unknown, change: (link: string) => string): unknown {
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (typeof value === "string") return key === "imageLink" ? change(value) : value;
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === "imageLink" && isObject(v)
          ? Object.fromEntries(Object.entries(v).map(([l, t]) => [l, typeof t === "string" ? change(t) : t]))
          : walk(v, k);
    }
    return out;
  };
  return walk(definition);
}

/** The definition as the editor sends it: each uploaded picture (a data URL) replaced by its reference. */
export function withPictureReferences<T>(definition: T): T {
  return mapImageLinks(definition, (link) =>
    link.startsWith("data:") ? `${PICTURE_REFERENCE}${pictureFingerprint(link)}` : link,
  ) as T;
}

/**
 * The definition with every reference replaced by the picture it names from the stored draft. A
 * reference to a picture the draft does not hold is left as it is, and listed in `missing`.
 */
export function withPicturesRestored(
  definition: unknown,
  stored: unknown,
): { definition: unknown; missing: string[] } {
  const byFingerprint = new Map<string, string>();
  mapImageLinks(stored, (link) => {
    if (link.startsWith("data:")) byFingerprint.set(pictureFingerprint(link), link);
    return link;
  });
  const missing: string[] = [];
  const restored = mapImageLinks(definition, (link) => {
    if (!link.startsWith(PICTURE_REFERENCE)) return link;
    const found = byFingerprint.get(link.slice(PICTURE_REFERENCE.length));
    if (found === undefined) missing.push(link);
    return found ?? link;
  });
  return { definition: restored, missing };
}

export interface QuestionPictures {
  question: string;
  /** The question's wording in the main language. */
  title: string;
  picture: { dataUrl: string; alt: string } | null;
  choices: { value: string; text: string; picture: { dataUrl: string; alt: string } | null }[];
}

function mainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.default === "string") return value.default;
  return "";
}

/** Every question at the top level of a page that can have an Easy Read picture, with the ones it has. */
export function picturesOf(definition: unknown): QuestionPictures[] {
  const out: QuestionPictures[] = [];
  for (const page of normaliseSurvey(definition).pages) {
    for (const element of page.elements) {
      if (element.type === "image" || element.type === "html" || element.type === "panel") continue;
      if (element.type === "paneldynamic" || element.type === "expression") continue;
      const question = element.name;
      const choices = Array.isArray(element.choices) ? element.choices : [];
      out.push({
        question,
        title: mainText(element.title) || question,
        picture: pictureOf(definition, question),
        choices: choices.map((choice) => {
          const value = isObject(choice) ? String(choice.value ?? "") : String(choice);
          const text = isObject(choice) ? mainText(choice.text) || value : value;
          return { value, text, picture: pictureOf(definition, question, value) };
        }),
      });
    }
  }
  return out;
}
