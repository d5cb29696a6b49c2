import type {
  ConcernRecord,
  DebriefRecord,
  DraftRecord,
  InterviewRecord,
} from "../../../client/offline/records.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";

let next = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`;

export function interviewRecord(overrides: Partial<InterviewRecord> = {}): InterviewRecord {
  const id = overrides.id ?? uuid();
  const item: SyncItem = {
    id,
    surveyId: "wellbeing-check",
    surveyVersion: 1,
    participantCode: "ABCD-EFGH",
    wave: 0,
    areaId: "north",
    startedAt: "2026-11-26T09:00:00.000Z",
    completedAt: "2026-11-26T09:30:00.000Z",
    administrationMode: "read_aloud",
    data: { consent: true, mood: 3 },
  };
  return {
    kind: "interview",
    id,
    ownerId: "u1",
    ownerName: "Sam",
    surveyTitle: "Wellbeing check",
    item,
    queuedAt: new Date(Date.UTC(2026, 10, 26, 10, 0, next)).toISOString(),
    state: "waiting",
    attempts: 0,
    lastError: null,
    receipt: null,
    settledAt: null,
    ...overrides,
  };
}

export function debriefRecord(ownerId: string): DebriefRecord {
  const id = uuid();
  return {
    kind: "debrief",
    id,
    ownerId,
    ownerName: ownerId,
    body: {
      id,
      areaId: "north",
      createdAt: "2026-11-26T10:00:00.000Z",
      wellbeing: 3,
      notes: "ok",
      wantsSupport: false,
    },
    queuedAt: "2026-11-26T10:00:00.000Z",
    state: "waiting",
    attempts: 0,
    lastError: null,
    receipt: null,
    settledAt: null,
  };
}

export function concernRecord(overrides: Partial<ConcernRecord> = {}): ConcernRecord {
  const id = overrides.id ?? uuid();
  return {
    kind: "concern",
    id,
    ownerId: "u1",
    ownerName: "Sam",
    body: {
      id,
      areaId: "north",
      raisedAt: "2026-11-26T10:00:00.000Z",
      participantCode: "ABCD-EFGH",
      urgency: "today",
      description: "Said they had nowhere to sleep tonight.",
    },
    queuedAt: "2026-11-26T10:00:00.000Z",
    state: "waiting",
    attempts: 0,
    lastError: null,
    receipt: null,
    settledAt: null,
    ...overrides,
  };
}

export function draftRecord(overrides: Partial<DraftRecord> = {}): DraftRecord {
  return {
    id: uuid(),
    ownerId: "u1",
    ownerName: "Sam",
    survey: {
      id: "wellbeing-check",
      title: "Wellbeing check",
      description: "",
      version: 1,
      publishedAt: "2026-11-01T00:00:00.000Z",
    },
    version: {
      surveyId: "wellbeing-check",
      version: 1,
      title: "Wellbeing check",
      publishedAt: "2026-11-01T00:00:00.000Z",
      definition: {},
    },
    setup: { participantCode: "ABCD-EFGH", wave: 0, areaId: "north", administrationMode: "read_aloud" },
    startedAt: "2026-11-26T09:00:00.000Z",
    updatedAt: "2026-11-26T09:00:00.000Z",
    stage: "questions",
    data: {},
    pageNo: 0,
    view: "interviewer",
    handedOver: false,
    ...overrides,
  };
}
