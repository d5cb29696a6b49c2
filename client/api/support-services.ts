import { supportServicesApi } from "../../shared/contract/support-services.routes.ts";
import { call } from "./call.ts";

/** The loader the distress protocol and the coordinators' translation form share. */
export const fetchSupportServices = (areaId: string) =>
  call(supportServicesApi.get, { params: { id: areaId } });
