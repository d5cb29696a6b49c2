import type { DueListResponse } from "../../shared/contract/index.ts";
import { get } from "./http.ts";

/** The signed-in researcher's area (or every area for an administrator); kept offline by the service worker. */
export const fetchDueList = () => get<DueListResponse>("/api/followups/due");
