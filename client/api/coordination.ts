import type {
  AreaSettings,
  AreaTarget,
  Assignment,
  AssignmentStatus,
  AssignmentsResponse,
  DebriefsResponse,
  Device,
  DevicesResponse,
  EnrolledDevice,
  EnrolmentCode,
  Invitation,
  InviteUserRequest,
  ParticipationPlan,
  ParticipationPlanInput,
  ParticipationPlansResponse,
  PendingInvitationsResponse,
  ProgressResponse,
  Readiness,
  RecordRewardRequest,
  RecordTrainingRequest,
  RewardEntry,
  RewardsResponse,
  SafeguardingQueueItem,
  SafeguardingQueueResponse,
  SetAssignmentRequest,
  TrainingRecord,
  TrainingResponse,
  UpdateAreaSettingsRequest,
} from "../../shared/contract/index.ts";
import { get, post, request } from "./http.ts";

/** The coordination API (issue 8): areas, people, tablets, follow-ups, safeguarding, rewards, training. */

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
};
const id = (value: string) => encodeURIComponent(value);

export const listPendingInvitations = () => get<PendingInvitationsResponse>("/api/invitations");
export const inviteUser = (body: InviteUserRequest) => post<Invitation>("/api/invitations", body);
export const renewInvitation = (userId: string) => post<Invitation>(`/api/invitations/${id(userId)}/renew`);

export const getAreaSettings = (areaId: string) => get<AreaSettings>(`/api/area-settings/${id(areaId)}`);
export const updateAreaSettings = (areaId: string, body: UpdateAreaSettingsRequest) =>
  request<AreaSettings>("PUT", `/api/area-settings/${id(areaId)}`, body);
export const setAreaTargets = (areaId: string, targets: AreaTarget[]) =>
  request<AreaSettings>("PUT", `/api/area-settings/${id(areaId)}/targets`, { targets });

export const listDevices = (areaId?: string) => get<DevicesResponse>(`/api/devices${query({ areaId })}`);
export const createEnrolmentCode = (userId: string, label: string) =>
  post<EnrolmentCode>("/api/devices/enrolment-codes", { userId, label });
export const enrolDevice = (code: string) => post<EnrolledDevice>("/api/devices/enrol", { code });
export const revokeDevice = (deviceId: string, endSessions: boolean) =>
  post<Device>(`/api/devices/${id(deviceId)}/revoke`, { endSessions });

export const listAssignments = (areaId?: string) =>
  get<AssignmentsResponse>(`/api/assignments${query({ areaId })}`);
export const setAssignment = (body: SetAssignmentRequest) => post<Assignment>("/api/assignments", body);
export const setAssignmentStatus = (assignmentId: string, status: AssignmentStatus) =>
  post<Assignment>(`/api/assignments/${id(assignmentId)}/status`, { status });
export const myAssignments = () => get<AssignmentsResponse>("/api/me/assignments");

export const fetchProgress = (areaId?: string) => get<ProgressResponse>(`/api/progress${query({ areaId })}`);

export const fetchSafeguardingQueue = (state: "open" | "closed" | "all", areaId?: string) =>
  get<SafeguardingQueueResponse>(`/api/safeguarding-queue${query({ state, areaId })}`);
export const acknowledgeConcern = (concernId: string) =>
  post<SafeguardingQueueItem>(`/api/safeguarding-queue/${id(concernId)}/acknowledge`);
export const recordConcernAction = (concernId: string, text: string) =>
  post<SafeguardingQueueItem>(`/api/safeguarding-queue/${id(concernId)}/actions`, { text });
export const closeConcern = (concernId: string, text: string) =>
  post<SafeguardingQueueItem>(`/api/safeguarding-queue/${id(concernId)}/close`, { text });

export const listDebriefs = (areaId?: string) => get<DebriefsResponse>(`/api/debriefs${query({ areaId })}`);

export const listPlans = (areaId?: string) =>
  get<ParticipationPlansResponse>(`/api/participation-plans${query({ areaId })}`);
export const savePlanFor = (userId: string, plan: ParticipationPlanInput) =>
  request<ParticipationPlan>("PUT", `/api/participation-plans/${id(userId)}`, plan);
export const myPlan = () => get<ParticipationPlan>("/api/me/participation-plan");
export const saveMyPlan = (plan: ParticipationPlanInput) =>
  request<ParticipationPlan>("PUT", "/api/me/participation-plan", plan);

export const listRewards = (areaId?: string) => get<RewardsResponse>(`/api/rewards${query({ areaId })}`);
export const recordReward = (body: RecordRewardRequest) => post<RewardEntry>("/api/rewards", body);
export const myRewards = () => get<RewardsResponse>("/api/me/rewards");
/** Plain links: the browser downloads the CSV with the session cookie. */
export const statementHref = (userId: string) => `/api/rewards/statements/${id(userId)}`;
export const MY_STATEMENT_HREF = "/api/me/rewards/statement";

export const listTraining = (areaId?: string) => get<TrainingResponse>(`/api/training${query({ areaId })}`);
export const recordTraining = (body: RecordTrainingRequest) => post<TrainingRecord>("/api/training", body);
export const fetchReadiness = () => get<Readiness>("/api/me/readiness");
