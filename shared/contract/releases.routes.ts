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
  /** Analysts: every release; others: the published ones for their audience. */
  list: route("GET", "/api/releases", everyone).answers<ReleasesResponse>(),
  compose: route("POST", "/api/releases", analysts, { status: 201 })
    .takes<{ body: ComposeReleaseRequest }>()
    .answers<ReleaseView>(),
  /** Analysts: any; others: published, for their audience (else 404). */
  get: route("GET", "/api/releases/:id", everyone).answers<ReleaseView>(),
  /**
   * The composition, not once published (`release_published`); back to draft, sign-offs dropped.
   */
  update: route("PUT", "/api/releases/:id", analysts)
    .takes<{ body: ComposeReleaseRequest }>()
    .answers<ReleaseView>(),
  /**
   * Computes the figures and the disclosure checklist: status `checked` with a new `snapshot` to sign
   * off (checking again drops the sign-offs). Not once published.
   */
  check: route("POST", "/api/releases/:id/check", analysts)
    .takes<{ body: Record<string, never> }>()
    .answers<ReleaseView>(),
  /**
   * One analyst (admin or evaluator) and one expert sign the checked snapshot
   * (`release_snapshot_changed` if it moved on, `release_already_signed`).
   */
  signOff: route("POST", "/api/releases/:id/signoffs", ["admin", "evaluator", "expert"], { status: 201 })
    .takes<{ body: ReleaseSignOffRequest }>()
    .answers<ReleaseSignOff>(),
  /** What a table means and what should change, before publishing. */
  annotate: route("POST", "/api/releases/:id/annotations", ["expert"], { status: 201 })
    .takes<{ body: ReleaseAnnotationRequest }>()
    .answers<ReleaseAnnotation>(),
  /** The participants' plain summary, on a checked release before publishing. */
  participantSummary: route("PUT", "/api/releases/:id/participant-summary", ["expert"])
    .takes<{ body: ParticipantSummaryRequest }>()
    .answers<ParticipantSummary>(),
  /**
   * Checked and signed off by both (`release_not_signed_off`), and checked against every release
   * published since (`release_check_outdated`); then frozen forever.
   */
  publish: route("POST", "/api/releases/:id/publish", analysts)
    .takes<{ body: PublishReleaseRequest }>()
    .answers<ReleaseView>(),
  /**
   * A published release with the `public` audience, for anyone, no sign-in (the token is in its
   * `/r/:token` link, `publicReleasePath`).
   */
  public: route("GET", "/api/public/releases/:token", "public").answers<PublishedRelease>(),
};
