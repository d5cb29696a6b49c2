import type {
  SetSupportServiceTranslationsRequest,
  SupportServicesResponse,
} from "../../shared/contract/index.ts";
import { get, request } from "./http.ts";

const servicesPath = (areaId: string) => `/api/areas/${encodeURIComponent(areaId)}/support-services`;

export const fetchSupportServices = (areaId: string) => get<SupportServicesResponse>(servicesPath(areaId));

/** Replaces the area's services in one language (an empty `services` removes that language). */
export const setSupportServiceTranslations = (
  areaId: string,
  locale: string,
  body: SetSupportServiceTranslationsRequest,
) =>
  request<SupportServicesResponse>(
    "PUT",
    `${servicesPath(areaId)}/translations/${encodeURIComponent(locale)}`,
    body,
  );
