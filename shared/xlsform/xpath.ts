/**
 * A tokenizer and precedence-climbing parser for the part of XPath that XLSForms use in `relevant`,
 * `constraint`, `calculation` and `choice_filter`. It parses to a small tree; translating that tree is
 * `to-surveyjs.ts`'s job. Anything outside the subset (paths, predicates, `|`, unknown syntax) is a
 * `XPathError` with the position, so the importer can report the row and the expression.
 */

export type XPathNode =
  | { kind: "number"; value: number; text: string }
  | { kind: "string"; value: string }
  | { kind: "ref"; name: string } // ${name}
  | { kind: "self" } // .
  | { kind: "field"; name: string } // a bare name: a column of the choices sheet in a choice_filter
  | { kind: "call"; name: string; args: XPathNode[] }
  | { kind: "binary"; op: BinaryOp; left: XPathNode; right: XPathNode }
  | { kind: "negate"; operand: XPathNode };

export type BinaryOp = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "div" | "mod";

export class XPathError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = "XPathError";
  }
}

type Token =
  | { type: "number"; text: string; at: number }
  | { type: "string"; value: string; at: number }
  | { type: "ref"; name: string; at: number }
  | { type: "name"; name: string; at: number }
  | { type: "op"; op: string; at: number }
  | { type: "end"; at: number };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const SYMBOLS = ["!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",", "/", "[", "]", "|", "@"];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "$" && source[i + 1] === "{") {
      const close = source.indexOf("}", i + 2);
      if (close < 0) throw new XPathError("a ${…} reference is not closed", i);
      const name = source.slice(i + 2, close).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new XPathError(`“${name}” is not a field name`, i);
      tokens.push({ type: "ref", name, at: i });
      i = close + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const close = source.indexOf(ch, i + 1);
      if (close < 0) throw new XPathError("a quoted text is not closed", i);
      tokens.push({ type: "string", value: source.slice(i + 1, close), at: i });
      i = close + 1;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^[0-9]*\.?[0-9]+|^[0-9]+\.?/.exec(source.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ type: "number", text, at: i });
      i += text.length;
      continue;
    }
    if (ch === ".") {
      if (source[i + 1] === ".") throw new XPathError("“..” (the parent) is not supported", i);
      tokens.push({ type: "op", op: ".", at: i });
      i += 1;
      continue;
    }
    if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && NAME_CHAR.test(source[end] as string)) end += 1;
      // A trailing "-" belongs to a following minus ("a -1"), not to the name.
      while (source[end - 1] === "-" || source[end - 1] === ".") end -= 1;
      tokens.push({ type: "name", name: source.slice(i, end), at: i });
      i = end;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (!symbol) throw new XPathError(`unexpected “${ch}”`, i);
    tokens.push({ type: "op", op: symbol, at: i });
    i += symbol.length;
  }
  tokens.push({ type: "end", at: source.length });
  return tokens;
}

/** Binding power of each binary operator: higher binds tighter (XPath 1.0 precedence). */
const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  "=": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  div: 6,
  mod: 6,
};

const MAX_DEPTH = 64;

export function parseXPath(source: string): XPathNode {
  if (source.length > 4000) throw new XPathError("the expression is longer than 4,000 characters", 0);
  const tokens = tokenize(source);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const expectOp = (op: string): void => {
    const t = next();
    if (t.type !== "op" || t.op !== op) throw new XPathError(`expected “${op}”`, t.at);
  };

  const binaryOp = (t: Token): BinaryOp | null => {
    if (t.type === "op" && t.op in PRECEDENCE) return t.op as BinaryOp;
    if (t.type === "name" && ["and", "or", "div", "mod"].includes(t.name)) return t.name as BinaryOp;
    return null;
  };

  const expression = (minPrecedence: number): XPathNode => {
    depth += 1;
    if (depth > MAX_DEPTH) throw new XPathError("the expression is nested too deeply", peek().at);
    let left = unary();
    for (;;) {
      const op = binaryOp(peek());
      if (!op || PRECEDENCE[op] < minPrecedence) break;
      next();
      // Left-associative: the right side takes only operators that bind tighter.
      const right = expression(PRECEDENCE[op] + 1);
      left = { kind: "binary", op, left, right };
    }
    depth -= 1;
    return left;
  };

  const unary = (): XPathNode => {
    const t = peek();
    if (t.type === "op" && t.op === "-") {
      next();
      return { kind: "negate", operand: unary() };
    }
    return primary();
  };

  const primary = (): XPathNode => {
    const t = next();
    switch (t.type) {
      case "number":
        return { kind: "number", value: Number(t.text), text: t.text };
      case "string":
        return { kind: "string", value: t.value };
      case "ref":
        return { kind: "ref", name: t.name };
      case "name": {
        const after = peek();
        if (after.type === "op" && after.op === "(") {
          next();
          const args: XPathNode[] = [];
          const close = peek();
          if (!(close.type === "op" && close.op === ")")) {
            for (;;) {
              args.push(expression(1));
              const sep = next();
              if (sep.type === "op" && sep.op === ")") break;
              if (!(sep.type === "op" && sep.op === ",")) throw new XPathError("expected “,” or “)”", sep.at);
            }
          } else next();
          return { kind: "call", name: t.name, args };
        }
        if (t.name.includes(":")) throw new XPathError(`“${t.name}” is not supported`, t.at);
        return { kind: "field", name: t.name };
      }
      case "op":
        if (t.op === "(") {
          const inner = expression(1);
          expectOp(")");
          return inner;
        }
        if (t.op === ".") return { kind: "self" };
        if (t.op === "/") throw new XPathError("paths like /data/… are not supported; use ${name}", t.at);
        throw new XPathError(`unexpected “${t.op}”`, t.at);
      case "end":
        throw new XPathError("the expression ends too early", t.at);
    }
  };

  const tree = expression(1);
  const rest = peek();
  if (rest.type !== "end") {
    const what = rest.type === "op" ? rest.op : rest.type === "name" ? rest.name : "this";
    throw new XPathError(`unexpected “${what}”`, rest.at);
  }
  return tree;
}

/** Every `${name}` an expression refers to. */
export function referencedNames(node: XPathNode, into: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case "ref":
      into.add(node.name);
      break;
    case "call":
      for (const a of node.args) referencedNames(a, into);
      break;
    case "binary":
      referencedNames(node.left, into);
      referencedNames(node.right, into);
      break;
    case "negate":
      referencedNames(node.operand, into);
      break;
    default:
      break;
  }
  return into;
}
