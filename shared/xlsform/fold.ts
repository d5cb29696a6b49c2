import type { XPathNode } from "./xpath.ts";

/**
 * Replaces choices-sheet columns in a choice_filter by the choice's own values and folds what became
 * constant (`'uk' = 'uk'` → true, `true and X` → X). A filter then reads, per choice, as the condition
 * that choice really depends on.
 */
const TRUE: XPathNode = { kind: "call", name: "true", args: [] };
const FALSE: XPathNode = { kind: "call", name: "false", args: [] };

export function isConstant(node: XPathNode): boolean | null {
  if (node.kind === "call" && node.args.length === 0 && (node.name === "true" || node.name === "false")) {
    return node.name === "true";
  }
  return null;
}

function literal(node: XPathNode): string | null {
  if (node.kind === "string") return node.value;
  if (node.kind === "number") return String(node.value);
  return null;
}

export function substituteAndFold(node: XPathNode, field: (name: string) => string): XPathNode {
  switch (node.kind) {
    case "field":
      return { kind: "string", value: field(node.name) };
    case "negate":
      return { kind: "negate", operand: substituteAndFold(node.operand, field) };
    case "call": {
      const args = node.args.map((a) => substituteAndFold(a, field));
      if (node.name === "not" && args.length === 1) {
        const c = isConstant(args[0] as XPathNode);
        if (c !== null) return c ? FALSE : TRUE;
      }
      return { kind: "call", name: node.name, args };
    }
    case "binary": {
      const left = substituteAndFold(node.left, field);
      const right = substituteAndFold(node.right, field);
      if (node.op === "and" || node.op === "or") {
        const l = isConstant(left);
        const r = isConstant(right);
        const absorbing = node.op === "or";
        if (l === absorbing || r === absorbing) return absorbing ? TRUE : FALSE;
        if (l !== null) return right;
        if (r !== null) return left;
        return { kind: "binary", op: node.op, left, right };
      }
      const a = literal(left);
      const b = literal(right);
      if (a !== null && b !== null && (node.op === "=" || node.op === "!=")) {
        return (a === b) === (node.op === "=") ? TRUE : FALSE;
      }
      return { kind: "binary", op: node.op, left, right };
    }
    default:
      return node;
  }
}
