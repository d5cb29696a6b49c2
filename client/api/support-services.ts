import type { SupportServicesResponse } from "../../shared/contract/index.ts";
import { get } from "./http.ts";

export const fetchSupportServices = (areaId: string) =>
  get<SupportServicesResponse>(`/api/areas/${encodeURIComponent(areaId)}/support-services`);
