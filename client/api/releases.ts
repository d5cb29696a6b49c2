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
} from "../../shared/contract/releases.ts";
import { get, post, request } from "./http.ts";

/** The release routes of `shared/contract/releases.ts`, one function each. */

const base = (id: string) => `/api/releases/${encodeURIComponent(id)}`;

export const listReleases = () => get<ReleasesResponse>("/api/releases");

export const fetchRelease = (id: string) => get<ReleaseView>(base(id));

export const composeRelease = (body: ComposeReleaseRequest) => post<ReleaseView>("/api/releases", body);

export const updateRelease = (id: string, body: ComposeReleaseRequest) =>
  request<ReleaseView>("PUT", base(id), body);

export const checkRelease = (id: string) => post<ReleaseView>(`${base(id)}/check`, {});

export const signOffRelease = (id: string, body: ReleaseSignOffRequest) =>
  post<ReleaseSignOff>(`${base(id)}/signoffs`, body);

export const annotateRelease = (id: string, body: ReleaseAnnotationRequest) =>
  post<ReleaseAnnotation>(`${base(id)}/annotations`, body);

export const saveParticipantSummary = (id: string, body: ParticipantSummaryRequest) =>
  request<ParticipantSummary>("PUT", `${base(id)}/participant-summary`, body);

export const publishRelease = (id: string, body: PublishReleaseRequest) =>
  post<ReleaseView>(`${base(id)}/publish`, body);

export const fetchPublicRelease = (token: string) =>
  get<PublishedRelease>(`/api/public/releases/${encodeURIComponent(token)}`);
