import type {
  ComposeReleaseRequest,
  ParticipantSummary,
  ParticipantSummaryRequest,
  PublishedRelease,
  PublishReleaseRequest,
  ReleaseAnnotation,
  ReleaseAnnotationRequest,
  ReleaseSignOff,
  ReleaseSignOffRequest,
  ReleasesResponse,
  ReleaseView,
} from "./releases.ts";
import { everyone, route } from "./route.ts";

const analysts = ["admin", "evaluator"] as const;

/**
 * Releases (issue 13, docs/decisions/0022): analysts compose, check and publish; experts sign off,
 * annotate and edit the participant summary; each audience reads its published releases (a release
 * another audience's reads as not found). Every read is audited.
 */
export const releasesApi = {
  list: route("GET", "/api/releases", everyone).answers<ReleasesResponse>(),
  compose: route("POST", "/api/releases", analysts, { status: 201 })
    .takes<{ body: ComposeReleaseRequest }>()
    .answers<ReleaseView>(),
  get: route("GET", "/api/releases/:id", everyone).answers<ReleaseView>(),
  /** A draft's composition; a published release never changes (`release_published`). */
  update: route("PUT", "/api/releases/:id", analysts)
    .takes<{ body: ComposeReleaseRequest }>()
    .answers<ReleaseView>(),
  /** Computes the figures and the disclosure checklist: a new snapshot to sign off. */
  check: route("POST", "/api/releases/:id/check", analysts)
    .takes<{ body: Record<string, never> }>()
    .answers<ReleaseView>(),
  /** One analyst and one expert sign the checked snapshot (`release_snapshot_changed` if it moved on). */
  signOff: route("POST", "/api/releases/:id/signoffs", ["admin", "evaluator", "expert"], { status: 201 })
    .takes<{ body: ReleaseSignOffRequest }>()
    .answers<ReleaseSignOff>(),
  annotate: route("POST", "/api/releases/:id/annotations", ["expert"], { status: 201 })
    .takes<{ body: ReleaseAnnotationRequest }>()
    .answers<ReleaseAnnotation>(),
  participantSummary: route("PUT", "/api/releases/:id/participant-summary", ["expert"])
    .takes<{ body: ParticipantSummaryRequest }>()
    .answers<ParticipantSummary>(),
  /** Signed off by both, checked against every release published since. */
  publish: route("POST", "/api/releases/:id/publish", analysts)
    .takes<{ body: PublishReleaseRequest }>()
    .answers<ReleaseView>(),
  /** A published public release, without sign-in (the token is in its `/r/…` link). */
  public: route("GET", "/api/public/releases/:token", "public").answers<PublishedRelease>(),
};
