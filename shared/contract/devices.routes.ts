import type {
  CreateEnrolmentCodeRequest,
  Device,
  DeviceInterviews,
  DevicesQuery,
  DevicesResponse,
  EnrolDeviceRequest,
  EnrolledDevice,
  EnrolmentCode,
  RevokeDeviceRequest,
  SetUploadRuleRequest,
  UploadRule,
} from "./devices.ts";
import { fieldworkers, route } from "./route.ts";

/**
 * Tablet enrolment and revocation. A coordinator makes a short-lived code for a researcher (shown as a
 * QR code); the researcher, signed in on the tablet, trades it for a device token; the coordinator sees
 * the area's tablets and can revoke one, after which its uploads are refused.
 */
export const devicesApi = {
  list: route("GET", "/api/devices", ["admin", "coordinator"])
    .takes<{ query: DevicesQuery }>()
    .answers<DevicesResponse>(),
  /** For an active peer researcher or coordinator of one area. */
  enrolmentCode: route("POST", "/api/devices/enrolment-codes", ["admin", "coordinator"], { status: 201 })
    .takes<{ body: CreateEnrolmentCodeRequest }>()
    .answers<EnrolmentCode>(),
  /** Only the person the code was made for can use it (`enrolment_code_other_user`). */
  enrol: route("POST", "/api/devices/enrol", fieldworkers, { status: 201 })
    .takes<{ body: EnrolDeviceRequest }>()
    .answers<EnrolledDevice>(),
  revoke: route("POST", "/api/devices/:id/revoke", ["admin", "coordinator"])
    .takes<{ body: RevokeDeviceRequest }>()
    .answers<Device>(),
  /**
   * What was collected on one tablet (a lost one, say): every interview stored from it, by id, survey,
   * wave and time received; never answers or participant codes. For the data manager only (issue 14,
   * decision 0025): a list of ids is what a deletion or a check with the area needs. Audited.
   */
  interviews: route("GET", "/api/devices/:id/interviews", ["admin"]).answers<DeviceInterviews>(),
  /**
   * An area's rule "only enrolled tablets may upload" (on for areas created from 2026-12-06). Peer
   * researchers read their own area's, so a tablet that could never upload says so before "Start".
   */
  uploadRule: route("GET", "/api/devices/upload-rules/:areaId", [
    "admin",
    "coordinator",
    "peer_researcher",
  ]).answers<UploadRule>(),
  setUploadRule: route("PUT", "/api/devices/upload-rules/:areaId", ["admin", "coordinator"])
    .takes<{ body: SetUploadRuleRequest }>()
    .answers<UploadRule>(),
};
