import { z } from "zod";
import { isLocaleKey } from "./locale-key.ts";
import type { SaveTranslationsRequest as SaveTranslations } from "./translations.ts";

/** Translation in the editor (issue 18, decision 0038): what the server checks requests against. */

const Revision = z.number().int().min(0).max(1_000_000_000);
export const Locale = z
  .string()
  .min(2)
  .max(20)
  .refine((v) => v !== "default" && isLocaleKey(v), "Not a language code, like “pl” or “pt-br”.");

export const SaveTranslationsRequest = z.strictObject({
  revision: Revision,
  strings: z
    .array(z.strictObject({ key: z.string().min(1).max(300), text: z.string().max(10_000) }))
    .min(1)
    .max(2000),
}) satisfies z.ZodType<SaveTranslations>;

export const AddLanguageRequest = z.strictObject({ locale: Locale });
export const LanguageSettingRequest = z.strictObject({ offered: z.boolean() });
export const LanguageSignOffRequest = z.strictObject({ note: z.string().trim().max(1000).default("") });
export const MyLanguagesRequest = z.strictObject({ locales: z.array(Locale).max(30) });

export const PictureRequest = z.strictObject({
  revision: Revision,
  question: z.string().min(1).max(200),
  choice: z.string().min(1).max(200).optional(),
  /** A data URL, or null to take the picture away. */
  picture: z
    .strictObject({ dataUrl: z.string().max(450_000), alt: z.string().trim().min(1).max(500) })
    .nullable(),
});
