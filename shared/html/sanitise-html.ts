import type * as XssModule from "xss";
import filterXss from "xss";

// js-xss is CommonJS: its helpers hang off the default export (Node's ESM loader sees no named ones).
const xss = filterXss as unknown as typeof XssModule;

/**
 * The HTML a survey may carry (an `html` question, the "thank you" page), cut down to an allow-list
 * (issue 14, finding 2). A co-designer formats text; they do not script the page, place things over
 * it or send people elsewhere unannounced. Runs unchanged on the server (on save, import and publish)
 * and in the browser (again when SurveyJS renders), with js-xss: a string parser that needs no DOM.
 * See docs/decisions/0026-html-sanitising.md.
 *
 * What survives: text formatting, lists, tables, headings, pictures by http(s) or relative address,
 * and links by http(s), mailto, tel or relative address, which always open in a new tab with
 * `rel="noopener noreferrer"` and a visible "(opens in a new tab)" from the `external-link` class.
 * What goes: every event handler (`on…`), scripts, forms, frames, objects, SVG and MathML (with what
 * they contain), `class` and `id` (the app's own classes include full-screen overlays), and any style
 * but colour, emphasis, alignment, borders and padding: no `position`, `z-index`, offsets, sizes,
 * margins (negative ones move text over other text) or transforms.
 */

const TEXT = ["title"];
const CELL = ["colspan", "rowspan", "style"];
const ALLOWED_TAGS: Record<string, string[]> = {
  a: ["href", "title"],
  abbr: TEXT,
  b: [],
  blockquote: ["style"],
  br: [],
  caption: [],
  code: [],
  dd: [],
  del: [],
  details: [],
  div: ["style"],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h2: ["style"],
  h3: ["style"],
  h4: ["style"],
  h5: ["style"],
  h6: ["style"],
  hr: [],
  i: [],
  img: ["src", "alt", "width", "height", "title"],
  ins: [],
  li: [],
  mark: [],
  ol: ["start"],
  p: ["style"],
  pre: [],
  s: [],
  small: [],
  span: ["style"],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: ["style"],
  tbody: [],
  td: CELL,
  tfoot: [],
  th: [...CELL, "scope"],
  thead: [],
  tr: [],
  u: [],
  ul: [],
};

/** Style properties that change how text looks but not where anything sits. */
const ALLOWED_STYLES: Record<string, boolean> = {
  color: true,
  "background-color": true,
  "font-weight": true,
  "font-style": true,
  "text-decoration": true,
  "text-align": true,
  "list-style-type": true,
  border: true,
  "border-top": true,
  "border-bottom": true,
  "border-left": true,
  "border-right": true,
  "border-color": true,
  "border-style": true,
  "border-width": true,
  "border-collapse": true,
  padding: true,
  "padding-top": true,
  "padding-bottom": true,
  "padding-left": true,
  "padding-right": true,
};

/** Removed with everything inside them: their content is code or a page of its own, not text. */
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "template",
  "noscript",
  "textarea",
  "select",
  "title",
  "head",
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
];

/** Marks every link: it opens in a new tab, cannot reach back into this page, and says so visibly. */
const LINK_ATTRIBUTES = 'rel="noopener noreferrer" target="_blank" class="external-link"';

/** The names a person reads for what was taken out. */
const TAG_WORDS: Record<string, string> = {
  a: "a link",
  img: "a picture",
  svg: "a drawing (svg)",
  details: "an expandable section",
  form: "a form",
  input: "a form field",
  button: "a button",
  iframe: "an embedded page",
  frame: "an embedded page",
  object: "an embedded object",
  embed: "an embedded object",
  script: "a script",
  style: "a style sheet",
  video: "a video",
  audio: "a sound clip",
  link: "a link to another file",
  p: "a paragraph",
  div: "a block of text",
  span: "a piece of text",
  table: "a table",
  td: "a table cell",
  th: "a table heading",
  h2: "a heading",
  h3: "a heading",
  h4: "a heading",
  meta: "page settings",
  base: "page settings",
};

const tagWords = (tag: string) => TAG_WORDS[tag] ?? `a "${tag}" element`;

/** What a removed style property would have done, in words a co-designer uses. */
function styleWords(property: string): string {
  if (
    /^(position|top|left|right|bottom|inset|z-index|float|transform|translate|rotate|scale|margin)/.test(
      property,
    )
  )
    return "a style that moves it or places it over the page";
  if (/^(width|height|min-|max-)/.test(property)) return "a style that sets its size";
  if (/^(display|visibility|opacity|overflow|clip)/.test(property))
    return "a style that hides or shows things";
  return "a style";
}

export interface SanitisedHtml {
  html: string;
  /** What was taken out, in plain words, each once (empty when nothing was). */
  removed: string[];
}

/** Whether a link or picture address may stay: http(s), mailto and tel, or an address on this site. */
function safeUrl(tag: string, value: string): { ok: true } | { ok: false; why: string } {
  // Browsers ignore tabs, newlines and control characters inside a scheme ("java\tscript:").
  const squeezed = [...value]
    .filter((ch) => ch.trim() !== "" && ch.charCodeAt(0) > 0x1f && ch !== "\u007f")
    .join("");
  const scheme = /^([^/?#]*):/.exec(squeezed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: true };
  const allowed = tag === "img" ? ["http", "https"] : ["http", "https", "mailto", "tel"];
  if (allowed.includes(scheme)) return { ok: true };
  return {
    ok: false,
    why: `an address starting "${scheme.replace(/&[a-z]+;/gi, "").slice(0, 20)}:" on ${tagWords(tag)}`,
  };
}

/**
 * Escapes an attribute value so the browser reads exactly the text that was checked: `&` too, so no
 * entity (`&colon;`, `&Tab;`) can turn into something else after the check.
 */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Decodes what `escapeAttribute` and the usual numeric entities encode, so a second pass is a no-op. */
function decodeAttribute(value: string): string {
  return xss.friendlyAttrValue(value.replace(/&amp;/gi, "&"));
}

/** The element name at the start of what js-xss took for a tag ("img/src=x" is an img to a browser). */
const nameOf = (tag: string) => /^[a-z][a-z0-9-]*/i.exec(tag)?.[0].toLowerCase() ?? "";

export function sanitiseHtml(input: string): SanitisedHtml {
  const removed = new Set<string>();
  // Inside a DROP_WITH_CONTENT element, everything (tags and text) is dropped until it closes; one
  // left open drops the rest, as a browser would have put the rest inside it.
  let dropping = 0;
  if (input.includes("<!--")) removed.add("a hidden comment");
  const filter = new xss.FilterXSS({
    whiteList: ALLOWED_TAGS,
    allowCommentTag: false,
    css: {
      whiteList: ALLOWED_STYLES,
      onIgnoreAttr: (name: string, value: string) => {
        removed.add(`${styleWords(name)} ("${name}: ${value.trim().slice(0, 40)}")`);
      },
    },
    escapeHtml: (text) => (dropping > 0 ? "" : xss.escapeHtml(text)),
    onTag: (tag, html, options) => {
      const name = nameOf(tag);
      if (DROP_WITH_CONTENT.includes(name)) {
        if (options.isClosing) dropping = Math.max(0, dropping - 1);
        else {
          dropping += 1;
          removed.add(tagWords(name));
        }
        return "";
      }
      if (dropping > 0) return "";
      // A "<" that starts no tag ("3 < 5") is text, kept escaped.
      if (name === "") return xss.escapeHtml(html);
      // Malformed tags ("<img/src=x/onerror=…>") and tags outside the allow-list go; their text stays.
      if (name !== tag || !(tag in ALLOWED_TAGS)) {
        if (!options.isClosing) removed.add(tagWords(name));
        return "";
      }
      return undefined;
    },
    onIgnoreTag: () => "",
    onIgnoreTagAttr: (tag, name) => {
      removed.add(
        /^on/i.test(name)
          ? `an action that runs by itself ("${name.slice(0, 30)}") on ${tagWords(tag)}`
          : tag === "a" && ["rel", "target", "class"].includes(name)
            ? ""
            : `the "${name.slice(0, 30)}" setting on ${tagWords(tag)}`,
      );
      return "";
    },
    onTagAttr: (tag, name, value) => {
      if (name !== "href" && name !== "src") return undefined;
      const decoded = decodeAttribute(value).trim();
      const verdict = safeUrl(tag, decoded);
      if (!verdict.ok) {
        removed.add(verdict.why);
        return "";
      }
      return `${name}="${escapeAttribute(decoded)}"`;
    },
    safeAttrValue: (_tag, name, value, cssFilter) => {
      const decoded = decodeAttribute(value);
      return escapeAttribute(name === "style" ? cssFilter.process(decoded) : decoded);
    },
  });
  const html = filter.process(input).replace(/<a(?=[\s>])/g, `<a ${LINK_ATTRIBUTES}`);
  removed.delete("");
  return { html, removed: [...removed] };
}
