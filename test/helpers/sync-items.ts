import { randomUUID } from "node:crypto";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { SyncItem } from "../../shared/contract/sync.ts";
import { TEST_SURVEY_ID } from "./test-app.ts";

/** A completed, valid interview on the fixture survey; override any part. */
export function syncItem(overrides: Partial<SyncItem> = {}): SyncItem {
  return {
    id: randomUUID(),
    surveyId: TEST_SURVEY_ID,
    surveyVersion: 1,
    participantCode: generateParticipantCode((a) => crypto.getRandomValues(a)),
    wave: 0,
    areaId: "north",
    startedAt: "2026-11-26T09:30:00.000Z",
    completedAt: "2026-11-26T09:52:00.000Z",
    administrationMode: "read_aloud",
    data: {
      consent: true,
      accommodation: "hostel",
      say_in_support: 4,
      visits: 3,
      last_contact: "2026-11-20",
      services: ["gp", "drop_in"],
    },
    ...overrides,
  };
}
