import { useEffect, useState } from "react";
import { devicesApi } from "../../shared/contract/devices.routes.ts";
import { call } from "../api/call.ts";
import { deviceToken } from "../offline/transport.ts";

/**
 * Whether an interview started on this tablet for `areaId` could ever be uploaded (decision 0025):
 * "blocked" when the area lets only enrolled tablets upload and this tablet holds no enrolment.
 * The rule is remembered on the tablet, so it is known offline too; when it has never been read
 * (offline from the start) nothing is blocked, and the outbox says so if the upload is refused.
 */
export type Enrolment = "ok" | "blocked" | "unknown";

const ruleKey = (areaId: string) => `alongside.enrolledTabletsOnly.${areaId}`;

function remembered(areaId: string): boolean | undefined {
  try {
    const value = window.localStorage.getItem(ruleKey(areaId));
    return value === null ? undefined : value === "true";
  } catch {
    return undefined;
  }
}

function verdict(rule: boolean | undefined): Enrolment {
  if (rule === undefined) return "unknown";
  return rule && deviceToken() === null ? "blocked" : "ok";
}

export function useEnrolment(areaId: string | null): Enrolment {
  const [state, setState] = useState<Enrolment>(() => (areaId ? verdict(remembered(areaId)) : "ok"));
  useEffect(() => {
    if (!areaId) return;
    let live = true;
    call(devicesApi.uploadRule, { params: { areaId } }).then(
      (rule) => {
        try {
          window.localStorage.setItem(ruleKey(areaId), String(rule.enrolledTabletsOnly));
        } catch {
          // Storage refused: the answer still holds for this visit.
        }
        if (live) setState(verdict(rule.enrolledTabletsOnly));
      },
      () => live && setState(verdict(remembered(areaId))),
    );
    return () => {
      live = false;
    };
  }, [areaId]);
  return state;
}
