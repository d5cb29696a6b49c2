import { releasesApi } from "../../shared/contract/releases.routes.ts";
import type {
  ComposeReleaseRequest,
  ParticipantSummaryRequest,
  PublishReleaseRequest,
  ReleaseAnnotationRequest,
  ReleaseSignOffRequest,
} from "../../shared/contract/releases.ts";
import { call } from "./call.ts";

/** The release routes of `shared/contract/releases.routes.ts`, by the names the release pages use. */

export const listReleases = () => call(releasesApi.list);

export const fetchRelease = (id: string) => call(releasesApi.get, { params: { id } });

export const composeRelease = (body: ComposeReleaseRequest) => call(releasesApi.compose, { body });

export const updateRelease = (id: string, body: ComposeReleaseRequest) =>
  call(releasesApi.update, { params: { id }, body });

export const checkRelease = (id: string) => call(releasesApi.check, { params: { id }, body: {} });

export const signOffRelease = (id: string, body: ReleaseSignOffRequest) =>
  call(releasesApi.signOff, { params: { id }, body });

export const annotateRelease = (id: string, body: ReleaseAnnotationRequest) =>
  call(releasesApi.annotate, { params: { id }, body });

export const saveParticipantSummary = (id: string, body: ParticipantSummaryRequest) =>
  call(releasesApi.participantSummary, { params: { id }, body });

export const publishRelease = (id: string, body: PublishReleaseRequest) =>
  call(releasesApi.publish, { params: { id }, body });

export const fetchPublicRelease = (token: string) => call(releasesApi.public, { params: { token } });
