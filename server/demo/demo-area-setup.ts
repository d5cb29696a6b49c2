import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AreaTarget, SupportService } from "../../shared/contract/area-settings.ts";
import type { SafeguardingUrgency } from "../../shared/contract/safeguarding.ts";
import { trainingKinds } from "../../shared/contract/training.ts";
import { replaceAreaTargets, updateAreaSettings } from "../areas/area-settings.repository.ts";
import type { Database } from "../db/schema.ts";
import { insertConcern } from "../safeguarding/concerns.repository.ts";
import { acknowledgeConcern, addAction } from "../safeguarding/queue.repository.ts";
import { insertTraining } from "../training/training.repository.ts";

/**
 * What a real area has set up before fieldwork starts, so the demo shows the app as people will meet
 * it rather than a warning on every screen (issue 15): local support services for the stop screen, a
 * named safeguarding lead, a reward policy, targets per wave, and the researchers' training. The
 * services are fictional; the national lines (Samaritans 116 123, NHS 111) are real and free.
 */
export interface DemoAreaPeople {
  areaId: string;
  areaName: string;
  region: string;
  /** The area's coordinator: its safeguarding lead, and who records training. */
  leadId: string;
  researcherIds: string[];
}

const DAY = 86_400_000;

export function demoSupportServices(areaName: string): SupportService[] {
  return [
    {
      name: `${areaName} Day Centre`,
      phone: "01632 960 101",
      hours: "Monday to Friday, 9am to 4pm. Drop in, no appointment needed.",
      address: "12 Station Road",
      notes: "Hot food, showers, and a support worker to talk to.",
    },
    {
      name: `${areaName} Recovery Hub`,
      phone: "01632 960 202",
      hours: "Every day, 10am to 6pm",
      address: "The Old Library, Market Street",
      notes: "Drug and alcohol support. Someone can come with the person to a first visit.",
    },
    {
      name: "Samaritans",
      phone: "116 123",
      hours: "Day or night, every day. Free to call.",
      address: "",
      notes: "For anyone who needs to talk.",
    },
    {
      name: "NHS 111",
      phone: "111",
      hours: "Day or night, every day",
      address: "",
      notes: "Urgent health advice, including mental health: choose the mental health option.",
    },
  ];
}

/** Baseline 30 a wave, then fewer at each follow-up: people move on, and targets say so. */
export function demoTargets(surveyId: string): AreaTarget[] {
  return [30, 24, 20, 16].map((target, wave) => ({ surveyId, wave, target }));
}

export async function setUpDemoArea(
  db: Kysely<Database>,
  people: DemoAreaPeople,
  options: { now: Date; interviewSurveyId: string | null },
): Promise<void> {
  await updateAreaSettings(db, people.areaId, {
    name: people.areaName,
    region: people.region,
    supportServices: demoSupportServices(people.areaName),
    safeguardingLeadId: people.leadId,
    rewardPencePerHour: 1500,
    rewardPolicyNote:
      "£15 an hour for time given to the research, including training and travel. Paid monthly, as a voucher, a bank transfer or cash, as each person chooses.",
  });
  if (options.interviewSurveyId) {
    await replaceAreaTargets(db, people.areaId, demoTargets(options.interviewSurveyId), {
      userId: people.leadId,
      at: options.now,
    });
  }
  // Training done four months ago: in date, with the refresher eight months off.
  const completed = new Date(options.now.getTime() - 120 * DAY);
  const refresher = new Date(completed.getTime() + 365 * DAY);
  for (const userId of people.researcherIds) {
    for (const kind of trainingKinds) {
      await insertTraining(db, {
        userId,
        kind,
        completedOn: completed.toISOString().slice(0, 10),
        expiresOn: refresher.toISOString().slice(0, 10),
        note: "",
        by: people.leadId,
        at: completed,
      });
    }
  }
}

/**
 * Three concerns in one area, so the queue shows each state: a new one to deal with today, one the
 * lead has taken on with an action recorded, and one closed with its note. No participant is named.
 */
export async function seedDemoConcerns(
  db: Kysely<Database>,
  people: { areaId: string; leadId: string; researcherId: string },
  now: Date,
): Promise<void> {
  const concerns: {
    daysAgo: number;
    urgency: SafeguardingUrgency;
    description: string;
    followUp: { text: string; closed: boolean } | "new";
  }[] = [
    {
      daysAgo: 0.1,
      urgency: "today",
      description:
        "Said they have nowhere safe to sleep tonight after being asked to leave the hostel. Agreed I would let the coordinator know.",
      followUp: "new",
    },
    {
      daysAgo: 3,
      urgency: "this_week",
      description:
        "Mentioned someone is taking their benefits money each week. Did not want the police involved.",
      followUp: {
        text: "Spoke with their support worker at the day centre, who will talk to them on Thursday.",
        closed: false,
      },
    },
    {
      daysAgo: 20,
      urgency: "today",
      description: "Had run out of their medication and felt unwell.",
      followUp: {
        text: "Went with them to the pharmacy the same afternoon; the GP sent a new prescription.",
        closed: true,
      },
    },
  ];
  for (const concern of concerns) {
    const raisedAt = new Date(now.getTime() - concern.daysAgo * DAY);
    const id = randomUUID();
    await insertConcern(db, {
      id,
      areaId: people.areaId,
      participantCode: null,
      urgency: concern.urgency,
      description: concern.description,
      raisedAt: raisedAt.toISOString(),
      raisedBy: people.researcherId,
      receivedAt: raisedAt.toISOString(),
    });
    if (concern.followUp === "new") continue;
    const acknowledged = new Date(raisedAt.getTime() + 0.05 * DAY);
    await acknowledgeConcern(db, id, people.leadId, acknowledged);
    await addAction(db, {
      concernId: id,
      by: people.leadId,
      at: new Date(acknowledged.getTime() + 0.1 * DAY),
      kind: concern.followUp.closed ? "closed" : "action",
      text: concern.followUp.text,
    });
  }
}
