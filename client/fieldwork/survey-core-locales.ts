import { surveyLocalization } from "survey-core";

/**
 * survey-core's own words (Next, Previous, Complete, "Response required.", …) in every language it ships
 * (issue 18, decision 0043). Loaded only through `survey-core-locale.ts`: this table is a lazy chunk of its
 * own and each language another, so the fieldwork entry carries no language (languages are data). The
 * service worker keeps the chunks of the languages the tablet's surveys offer (vite.config.ts).
 *
 * Keyed by our locale key (BCP 47, lower case); the second item is the code survey-core registers the
 * strings under, where it differs (Burmese "mm", Telugu "tel", Flemish "nl-BE").
 */
const PACKS: Record<string, [() => Promise<unknown>, string]> = {
  ar: [() => import("survey-core/i18n/arabic"), "ar"],
  eu: [() => import("survey-core/i18n/basque"), "eu"],
  bg: [() => import("survey-core/i18n/bulgarian"), "bg"],
  my: [() => import("survey-core/i18n/burmese"), "mm"],
  ca: [() => import("survey-core/i18n/catalan"), "ca"],
  hr: [() => import("survey-core/i18n/croatian"), "hr"],
  cs: [() => import("survey-core/i18n/czech"), "cs"],
  da: [() => import("survey-core/i18n/danish"), "da"],
  nl: [() => import("survey-core/i18n/dutch"), "nl"],
  et: [() => import("survey-core/i18n/estonian"), "et"],
  fi: [() => import("survey-core/i18n/finnish"), "fi"],
  fr: [() => import("survey-core/i18n/french"), "fr"],
  ka: [() => import("survey-core/i18n/georgian"), "ka"],
  de: [() => import("survey-core/i18n/german"), "de"],
  el: [() => import("survey-core/i18n/greek"), "el"],
  ht: [() => import("survey-core/i18n/haitian-creole"), "ht"],
  he: [() => import("survey-core/i18n/hebrew"), "he"],
  hi: [() => import("survey-core/i18n/hindi"), "hi"],
  hu: [() => import("survey-core/i18n/hungarian"), "hu"],
  is: [() => import("survey-core/i18n/icelandic"), "is"],
  id: [() => import("survey-core/i18n/indonesian"), "id"],
  it: [() => import("survey-core/i18n/italian"), "it"],
  ja: [() => import("survey-core/i18n/japanese"), "ja"],
  kk: [() => import("survey-core/i18n/kazakh"), "kk"],
  ko: [() => import("survey-core/i18n/korean"), "ko"],
  lv: [() => import("survey-core/i18n/latvian"), "lv"],
  lt: [() => import("survey-core/i18n/lithuanian"), "lt"],
  mk: [() => import("survey-core/i18n/macedonian"), "mk"],
  ms: [() => import("survey-core/i18n/malay"), "ms"],
  "nl-be": [() => import("survey-core/i18n/nl-BE"), "nl-BE"],
  no: [() => import("survey-core/i18n/norwegian"), "no"],
  fa: [() => import("survey-core/i18n/persian"), "fa"],
  fil: [() => import("survey-core/i18n/philippines"), "fil"],
  pl: [() => import("survey-core/i18n/polish"), "pl"],
  "pt-br": [() => import("survey-core/i18n/portuguese-br"), "pt-br"],
  pt: [() => import("survey-core/i18n/portuguese"), "pt"],
  ro: [() => import("survey-core/i18n/romanian"), "ro"],
  ru: [() => import("survey-core/i18n/russian"), "ru"],
  sr: [() => import("survey-core/i18n/serbian"), "sr"],
  "zh-cn": [() => import("survey-core/i18n/simplified-chinese"), "zh-cn"],
  sk: [() => import("survey-core/i18n/slovak"), "sk"],
  sl: [() => import("survey-core/i18n/slovenian"), "sl"],
  es: [() => import("survey-core/i18n/spanish"), "es"],
  sw: [() => import("survey-core/i18n/swahili"), "sw"],
  sv: [() => import("survey-core/i18n/swedish"), "sv"],
  tg: [() => import("survey-core/i18n/tajik"), "tg"],
  te: [() => import("survey-core/i18n/telugu"), "tel"],
  th: [() => import("survey-core/i18n/thai"), "th"],
  "zh-tw": [() => import("survey-core/i18n/traditional-chinese"), "zh-tw"],
  tr: [() => import("survey-core/i18n/turkish"), "tr"],
  uk: [() => import("survey-core/i18n/ukrainian"), "uk"],
  ur: [() => import("survey-core/i18n/urdu"), "ur"],
  vi: [() => import("survey-core/i18n/vietnamese"), "vi"],
  cy: [() => import("survey-core/i18n/welsh"), "cy"],
};

/** Loads survey-core's words for `locale` (or its base language); false when survey-core has none. */
export async function loadPack(locale: string): Promise<boolean> {
  const key = locale.toLowerCase();
  const found = PACKS[key] ? key : PACKS[key.split("-")[0] ?? ""] ? key.split("-")[0] : undefined;
  if (!found) return false;
  const [load, code] = PACKS[found] as [() => Promise<unknown>, string];
  await load();
  // survey-core looks the strings up under the survey's locale exactly: register them under ours too.
  const strings = surveyLocalization.locales[code];
  if (strings && !surveyLocalization.locales[key]) surveyLocalization.locales[key] = strings;
  return true;
}
