import { z } from "zod";
import { AreaId } from "./areas.schema.ts";
import { liveViews, type OutcomePageQuery as PageQuery, type LiveView as View } from "./outcomes.ts";
import { AdministrationMode } from "./sync.schema.ts";

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month, as YYYY-MM");
const WaveNumber = z
  .string()
  .regex(/^\d{1,3}$/, "a wave number")
  .transform(Number)
  .pipe(z.number().int().min(0).max(100));

/**
 * Filters every figure of an outcome page respects. `version` is `surveyId@version`. The date range is
 * in whole months of the interview's completion (UTC), because finer slices would let two overlapping
 * ranges be subtracted to isolate a few interviews.
 */
const filterShape = {
  area: AreaId.optional(),
  wave: WaveNumber.optional(),
  version: z
    .string()
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*@[1-9]\d{0,5}$/, "a survey version, as survey-id@number")
    .optional(),
  from: Month.optional(),
  to: Month.optional(),
  mode: AdministrationMode.optional(),
  /** The interview language, a locale (`en`, `pl`, `en-easy`). */
  language: z
    .string()
    .max(35)
    .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i, "a language, as a locale such as pl or en-easy")
    .optional(),
};
const monthsInOrder = (f: { from?: string | undefined; to?: string | undefined }) =>
  !f.from || !f.to || f.from <= f.to;

/** The outcome page also chooses the two waves compared for change (defaults: first and last with data). */
export const OutcomePageQuery = z
  .strictObject({
    ...filterShape,
    changeFrom: WaveNumber.optional(),
    changeTo: WaveNumber.optional(),
    /** `language`: also break every indicator down by interview language (`IndicatorDetail.byLanguage`). */
    breakdown: z.literal("language").optional(),
  })
  .refine(monthsInOrder, { message: "`from` must not be after `to`", path: ["to"] })
  .refine((q) => q.breakdown === undefined || q.language === undefined, {
    message: "A page filtered to one language cannot also be broken down by language",
    path: ["breakdown"],
  })
  .refine((q) => q.changeFrom === undefined || q.changeTo === undefined || q.changeFrom < q.changeTo, {
    message: "`changeFrom` must be an earlier wave than `changeTo`",
    path: ["changeTo"],
  }) satisfies z.ZodType<PageQuery>;

/**
 * How a trusted analyst reads the live pages (docs/decisions/0024-who-sees-what.md): `exact`, every
 * figure as computed, nothing hidden; or `released`, as a release would show it: the small-number
 * protection at the data manager's k, counts and percentages whole, means and limits to one decimal.
 */
export const LiveView = z.enum(liveViews) satisfies z.ZodType<View>;
export type LiveView = View;

export const OutcomeId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "an outcome id");
