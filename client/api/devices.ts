import { devicesApi } from "../../shared/contract/devices.routes.ts";
import { lostDevicesApi } from "../../shared/contract/lost-devices.routes.ts";
import { call } from "./call.ts";

/** An area's rule "only enrolled tablets may upload" (decision 0025). */
export const getUploadRule = (areaId: string) => call(devicesApi.uploadRule, { params: { areaId } });
export const setUploadRule = (areaId: string, enrolledTabletsOnly: boolean) =>
  call(devicesApi.setUploadRule, { params: { areaId }, body: { enrolledTabletsOnly } });

/** What was stored from one tablet: for the data manager. */
export const deviceInterviews = (deviceId: string) =>
  call(devicesApi.interviews, { params: { id: deviceId } });

/** A lost tablet (decision 0036): report it lost or found, and see what was on it. */
export const reportDeviceLost = (deviceId: string, reason: string, endSessions: boolean) =>
  call(lostDevicesApi.lost, { params: { id: deviceId }, body: { reason, endSessions } });
export const reportDeviceFound = (deviceId: string) =>
  call(lostDevicesApi.found, { params: { id: deviceId }, body: {} });
export const lostReport = (deviceId: string) => call(lostDevicesApi.report, { params: { id: deviceId } });
