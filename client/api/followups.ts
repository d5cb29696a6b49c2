import { followUpsApi } from "../../shared/contract/follow-ups.routes.ts";
import { call } from "./call.ts";

/** The signed-in researcher's area (or every area for an administrator); kept offline by the service worker. */
export const fetchDueList = () => call(followUpsApi.due);
