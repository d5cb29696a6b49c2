import { z } from "zod";
import {
  type TocLink as Link,
  type TocNode as Node,
  stageIds,
  strandIds,
  type TheoryOfChange as Toc,
} from "../contract/theory-of-change.ts";

/**
 * What a well-formed theory-of-change file looks like, checked when the server loads
 * `surveys/theory-of-change.json`. Only the server imports this file: the client never parses with zod.
 */
const StageId = z.enum(stageIds);

const StrandId = z.enum(strandIds);

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const TocNode = z.object({
  id: z.string().regex(kebabCase, "kebab-case, prefixed by its stage"),
  stage: StageId,
  /** Null for a vision statement or an enabler that runs across every strand. */
  strand: StrandId.nullable(),
  /** A label for the map: plain English, short enough to sit in a box. */
  short: z.string().min(1).max(60),
  /** The seed's own words, kept exactly so the map can always show what was agreed. */
  text: z.string().min(1),
}) satisfies z.ZodType<Node>;

const TocLink = z.object({ from: z.string().min(1), to: z.string().min(1) }) satisfies z.ZodType<Link>;

export const TheoryOfChange = z.object({
  title: z.string().min(1),
  source: z.string().min(1),
  strands: z.array(z.object({ id: StrandId, name: z.string().min(1) })),
  stages: z.array(z.object({ id: StageId, name: z.string().min(1) })),
  nodes: z.array(TocNode),
  links: z.array(TocLink),
}) satisfies z.ZodType<Toc>;
export type TheoryOfChange = Toc;
