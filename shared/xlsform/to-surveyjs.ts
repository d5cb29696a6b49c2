import type { XPathNode } from "./xpath.ts";

/**
 * Writes a parsed XPath expression as a SurveyJS expression. The translation is by the tree, so
 * precedence and parentheses carry over exactly (every nested operation is parenthesised). Whatever
 * SurveyJS cannot say is an `Untranslatable` with a plain reason, never dropped.
 */

export class Untranslatable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Untranslatable";
  }
}

export interface ExpressionContext {
  /** The row's own name, for `.`; null where `.` means nothing (a `relevant` of a group). */
  self: string | null;
  /** How to write a reference to a field (`{name}` or `{panel.name}`), and its XLSForm type. */
  reference(name: string): { written: string; type: string };
  /** In a choice_filter: the value of a choices-sheet column for the choice being filtered. */
  field?(name: string): string;
}

const OPERATORS: Record<string, string> = {
  or: "or",
  and: "and",
  "=": "=",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "+": "+",
  "-": "-",
  "*": "*",
  div: "/",
  mod: "%",
};

export function quote(value: string): string {
  if (value.includes("'")) {
    throw new Untranslatable("a quoted text contains an apostrophe, which SurveyJS expressions cannot hold");
  }
  return `'${value}'`;
}

function fieldRef(node: XPathNode, ctx: ExpressionContext, what: string): { written: string; type: string } {
  if (node.kind === "ref") return ctx.reference(node.name);
  if (node.kind === "self") {
    if (ctx.self === null) throw new Untranslatable("“.” has no meaning here");
    return ctx.reference(ctx.self);
  }
  throw new Untranslatable(`${what} needs a field (\${name} or .) as its first argument`);
}

function arity(node: { name: string; args: XPathNode[] }, count: number): void {
  if (node.args.length !== count) {
    throw new Untranslatable(`${node.name}() takes ${count} argument${count === 1 ? "" : "s"}`);
  }
}

export function toSurveyJs(node: XPathNode, ctx: ExpressionContext): string {
  const nested = (child: XPathNode): string => {
    const text = toSurveyJs(child, ctx);
    const operation =
      child.kind === "binary" ||
      (child.kind === "call" && (child.name === "selected" || child.name === "not"));
    return operation ? `(${text})` : text;
  };
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "string":
      return quote(node.value);
    case "ref":
      return ctx.reference(node.name).written;
    case "self":
      if (ctx.self === null) throw new Untranslatable("“.” has no meaning here");
      return ctx.reference(ctx.self).written;
    case "field":
      if (!ctx.field)
        throw new Untranslatable(`“${node.name}” is not a field reference; write \${${node.name}}`);
      return quote(ctx.field(node.name));
    case "negate":
      return `(0 - ${nested(node.operand)})`;
    case "binary":
      return `${nested(node.left)} ${OPERATORS[node.op]} ${nested(node.right)}`;
    case "call":
      return call(node, ctx, nested);
  }
}

function call(
  node: { kind: "call"; name: string; args: XPathNode[] },
  ctx: ExpressionContext,
  nested: (n: XPathNode) => string,
): string {
  switch (node.name) {
    case "selected": {
      arity(node, 2);
      const field = fieldRef(node.args[0] as XPathNode, ctx, "selected()");
      const value = nested(node.args[1] as XPathNode);
      const many = field.type === "select_multiple" || field.type === "rank";
      return many ? `${field.written} contains ${value}` : `${field.written} = ${value}`;
    }
    case "count-selected": {
      arity(node, 1);
      return `count(${fieldRef(node.args[0] as XPathNode, ctx, "count-selected()").written})`;
    }
    case "not":
      arity(node, 1);
      return `!(${toSurveyJs(node.args[0] as XPathNode, ctx)})`;
    case "if":
      arity(node, 3);
      return `iif(${node.args.map((a) => toSurveyJs(a, ctx)).join(", ")})`;
    case "string-length": {
      arity(node, 1);
      const field = fieldRef(node.args[0] as XPathNode, ctx, "string-length()");
      return `${field.written.slice(0, -1)}.length}`;
    }
    case "today":
      arity(node, 0);
      return "today()";
    case "true":
      arity(node, 0);
      return "true";
    case "false":
      arity(node, 0);
      return "false";
    case "coalesce": {
      arity(node, 2);
      const first = fieldRef(node.args[0] as XPathNode, ctx, "coalesce()").written;
      return `iif(${first} notempty, ${first}, ${toSurveyJs(node.args[1] as XPathNode, ctx)})`;
    }
    case "jr:choice-name": {
      arity(node, 2);
      const field = node.args[0] as XPathNode;
      if (field.kind !== "ref" && field.kind !== "self") {
        throw new Untranslatable("jr:choice-name() is translated only for a field's own choice");
      }
      const written = fieldRef(field, ctx, "jr:choice-name()").written;
      return `displayValue('${written.slice(1, -1)}')`;
    }
    case "regex":
      throw new Untranslatable(
        "regex() can be carried only as a whole constraint (or one part joined by “and”)",
      );
    default:
      throw new Untranslatable(`the function ${node.name}() has no SurveyJS equivalent here`);
  }
}
