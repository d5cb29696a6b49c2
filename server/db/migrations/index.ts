import type { Migration } from "kysely";
import * as initial from "./2026-11-26-01-initial.ts";
import * as editor from "./2026-11-26-02-editor.ts";
import * as indicatorValues from "./2026-11-26-03-indicator-values.ts";
import * as security from "./2026-11-26-04-security.ts";
import * as governance from "./2026-11-26-05-governance.ts";
import * as fieldwork from "./2026-11-26-06-fieldwork.ts";
import * as coordination from "./2026-11-26-07-coordination.ts";
import * as outcomeSlices from "./2026-11-26-08-outcome-slices.ts";
import * as statementCounts from "./2026-11-26-09-statement-counts.ts";
import * as partChecks from "./2026-11-26-10-part-checks.ts";
import * as releases from "./2026-12-06-11-releases.ts";
import * as provenance from "./2026-12-06-12-provenance.ts";
import * as deviceKeys from "./2026-12-06-13-device-keys.ts";
import * as lostDevices from "./2026-12-06-14-lost-devices.ts";
import * as interviewLanguage from "./2026-12-06-15-interview-language.ts";
import * as translations from "./2026-12-06-16-translations.ts";
import * as releaseInterviewLanguage from "./2026-12-06-19-release-interview-language.ts";
import * as sliceLanguage from "./2026-12-07-02-slice-language.ts";
import * as languageAlwaysRecorded from "./2026-12-07-04-language-always-recorded.ts";
import * as draftPictures from "./2026-12-07-05-draft-pictures.ts";
import * as countBins from "./2026-12-07-08-count-bins.ts";
import * as commentAuthorRole from "./2026-12-07-10-comment-author-role.ts";
import * as releaseCheckFigures from "./2026-12-07-11-release-check-figures.ts";
import * as namedInPublic from "./2026-12-08-12-named-in-public.ts";

/**
 * Every migration, by dated name. Listed statically (not read from disk) so the server runs the same
 * from source, from a bundle and under tests. Names sort in the order they run; never rename one.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-26-01-initial": initial,
  "2026-11-26-02-editor": editor,
  "2026-11-26-03-indicator-values": indicatorValues,
  "2026-11-26-04-security": security,
  "2026-11-26-05-governance": governance,
  "2026-11-26-06-fieldwork": fieldwork,
  "2026-11-26-07-coordination": coordination,
  "2026-11-26-08-outcome-slices": outcomeSlices,
  "2026-11-26-09-statement-counts": statementCounts,
  "2026-11-26-10-part-checks": partChecks,
  "2026-12-06-11-releases": releases,
  "2026-12-06-12-provenance": provenance,
  "2026-12-06-13-device-keys": deviceKeys,
  "2026-12-06-14-lost-devices": lostDevices,
  "2026-12-06-15-interview-language": interviewLanguage,
  "2026-12-06-16-translations": translations,
  "2026-12-06-19-release-interview-language": releaseInterviewLanguage,
  "2026-12-07-02-slice-language": sliceLanguage,
  "2026-12-07-04-language-always-recorded": languageAlwaysRecorded,
  "2026-12-07-05-draft-pictures": draftPictures,
  "2026-12-07-08-count-bins": countBins,
  "2026-12-07-10-comment-author-role": commentAuthorRole,
  "2026-12-07-11-release-check-figures": releaseCheckFigures,
  "2026-12-08-12-named-in-public": namedInPublic,
};
