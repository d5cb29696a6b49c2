import type { SyncRequest, SyncResponse } from "../../shared/contract/index.ts";
import { post } from "./http.ts";

export const sync = (body: SyncRequest) => post<SyncResponse>("/api/sync", body);
