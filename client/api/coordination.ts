import { areaSettingsApi } from "../../shared/contract/area-settings.routes.ts";
import { assignmentsApi } from "../../shared/contract/assignments.routes.ts";
import { debriefsApi } from "../../shared/contract/debriefs.routes.ts";
import { devicesApi } from "../../shared/contract/devices.routes.ts";
import type {
  AreaTarget,
  AssignmentStatus,
  InviteUserRequest,
  ParticipationPlanInput,
  RecordRewardRequest,
  RecordTrainingRequest,
  SetAssignmentRequest,
  UpdateAreaSettingsRequest,
} from "../../shared/contract/index.ts";
import { invitationsApi } from "../../shared/contract/invitations.routes.ts";
import { meApi } from "../../shared/contract/me.routes.ts";
import { participationPlansApi } from "../../shared/contract/participation-plans.routes.ts";
import { progressApi } from "../../shared/contract/progress.routes.ts";
import { rewardsApi } from "../../shared/contract/rewards.routes.ts";
import { safeguardingQueueApi } from "../../shared/contract/safeguarding-queue.routes.ts";
import { trainingApi } from "../../shared/contract/training.routes.ts";
import { call } from "./call.ts";
import { routeUrl } from "./route-url.ts";

/** The coordination API (issue 8): areas, people, tablets, follow-ups, safeguarding, rewards, training. */

export const listPendingInvitations = () => call(invitationsApi.pending);
export const inviteUser = (body: InviteUserRequest) => call(invitationsApi.invite, { body });
export const renewInvitation = (userId: string) => call(invitationsApi.renew, { params: { userId } });

export const getAreaSettings = (areaId: string) => call(areaSettingsApi.get, { params: { areaId } });
export const updateAreaSettings = (areaId: string, body: UpdateAreaSettingsRequest) =>
  call(areaSettingsApi.update, { params: { areaId }, body });
export const setAreaTargets = (areaId: string, targets: AreaTarget[]) =>
  call(areaSettingsApi.setTargets, { params: { areaId }, body: { targets } });

export const listDevices = (areaId?: string) => call(devicesApi.list, { query: { areaId } });
export const createEnrolmentCode = (userId: string, label: string) =>
  call(devicesApi.enrolmentCode, { body: { userId, label } });
export const enrolDevice = (code: string) => call(devicesApi.enrol, { body: { code } });
export const revokeDevice = (deviceId: string, endSessions: boolean) =>
  call(devicesApi.revoke, { params: { id: deviceId }, body: { endSessions } });

export const listAssignments = (areaId?: string) => call(assignmentsApi.list, { query: { areaId } });
export const setAssignment = (body: SetAssignmentRequest) => call(assignmentsApi.set, { body });
export const setAssignmentStatus = (assignmentId: string, status: AssignmentStatus) =>
  call(assignmentsApi.setStatus, { params: { id: assignmentId }, body: { status } });
export const myAssignments = () => call(meApi.assignments);

export const fetchProgress = (areaId?: string) => call(progressApi.get, { query: { areaId } });

export const fetchSafeguardingQueue = (state: "open" | "closed" | "all", areaId?: string) =>
  call(safeguardingQueueApi.list, { query: { state, areaId } });
export const acknowledgeConcern = (concernId: string) =>
  call(safeguardingQueueApi.acknowledge, { params: { id: concernId } });
export const recordConcernAction = (concernId: string, text: string) =>
  call(safeguardingQueueApi.action, { params: { id: concernId }, body: { text } });
export const closeConcern = (concernId: string, text: string) =>
  call(safeguardingQueueApi.close, { params: { id: concernId }, body: { text } });

export const listDebriefs = (areaId?: string) => call(debriefsApi.list, { query: { areaId } });

export const listPlans = (areaId?: string) => call(participationPlansApi.list, { query: { areaId } });
export const savePlanFor = (userId: string, plan: ParticipationPlanInput) =>
  call(participationPlansApi.save, { params: { userId }, body: plan });
export const myPlan = () => call(meApi.plan);
export const saveMyPlan = (plan: ParticipationPlanInput) => call(meApi.savePlan, { body: plan });

export const listRewards = (areaId?: string) => call(rewardsApi.list, { query: { areaId } });
export const recordReward = (body: RecordRewardRequest) => call(rewardsApi.record, { body });
export const myRewards = () => call(meApi.rewards);
/** Plain links: the browser downloads the CSV with the session cookie. */
export const statementHref = (userId: string) => routeUrl(rewardsApi.statement, { params: { userId } });
export const MY_STATEMENT_HREF = routeUrl(meApi.rewardStatement);

export const listTraining = (areaId?: string) => call(trainingApi.list, { query: { areaId } });
export const recordTraining = (body: RecordTrainingRequest) => call(trainingApi.record, { body });
export const fetchReadiness = () => call(meApi.readiness);
