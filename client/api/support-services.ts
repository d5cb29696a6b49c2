import type { SetSupportServiceTranslationsRequest } from "../../shared/contract/index.ts";
import { supportServicesApi } from "../../shared/contract/support-services.routes.ts";
import { call } from "./call.ts";

/** The loader the distress protocol and the coordinators' translation form share. */
export const fetchSupportServices = (areaId: string) =>
  call(supportServicesApi.get, { params: { id: areaId } });

/** Replaces the area's services in one language (an empty `services` removes that language). */
export const setSupportServiceTranslations = (
  areaId: string,
  locale: string,
  body: SetSupportServiceTranslationsRequest,
) => call(supportServicesApi.translate, { params: { id: areaId, locale }, body });
