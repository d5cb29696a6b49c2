import type { Device, DeviceInterviews, LostReport, UploadRule } from "../../shared/contract/index.ts";
import { get, post, request } from "./http.ts";

const id = (value: string) => encodeURIComponent(value);

/** An area's rule "only enrolled tablets may upload" (decision 0025). */
export const getUploadRule = (areaId: string) => get<UploadRule>(`/api/devices/upload-rules/${id(areaId)}`);
export const setUploadRule = (areaId: string, enrolledTabletsOnly: boolean) =>
  request<UploadRule>("PUT", `/api/devices/upload-rules/${id(areaId)}`, { enrolledTabletsOnly });

/** What was stored from one tablet: for the data manager. */
export const deviceInterviews = (deviceId: string) =>
  get<DeviceInterviews>(`/api/devices/${id(deviceId)}/interviews`);

/** A lost tablet (decision 0036): report it lost or found, and see what was on it. */
export const reportDeviceLost = (deviceId: string, reason: string, endSessions: boolean) =>
  post<Device>(`/api/devices/${id(deviceId)}/lost`, { reason, endSessions });
export const reportDeviceFound = (deviceId: string) => post<Device>(`/api/devices/${id(deviceId)}/found`, {});
export const lostReport = (deviceId: string) => get<LostReport>(`/api/devices/${id(deviceId)}/lost-report`);
