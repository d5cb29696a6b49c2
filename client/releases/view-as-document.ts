import type { ReleaseSnapshot, ReleaseView } from "../../shared/contract/releases.ts";
import type { ReleaseDocumentData } from "./ReleaseDocument.tsx";

/** A checked (or published) release seen by analysts or experts, in the shape the document shows. */
export function viewAsDocument(release: ReleaseView, snapshot: ReleaseSnapshot): ReleaseDocumentData {
  return {
    title: release.title,
    surveyTitle: release.surveyTitle,
    publishedAt: release.publishedAt,
    narrative: release.composition.narrative,
    outcomes: release.outcomes,
    corrects: release.corrects,
    correctedBy: release.correctedBy,
    snapshot,
    signOffs: release.signOffs,
    annotations: release.annotations,
    participantSummary: release.participantSummary,
  };
}
