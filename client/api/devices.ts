import type { DeviceInterviews, UploadRule } from "../../shared/contract/index.ts";
import { get, request } from "./http.ts";

const id = (value: string) => encodeURIComponent(value);

/** An area's rule "only enrolled tablets may upload" (decision 0025). */
export const getUploadRule = (areaId: string) => get<UploadRule>(`/api/devices/upload-rules/${id(areaId)}`);
export const setUploadRule = (areaId: string, enrolledTabletsOnly: boolean) =>
  request<UploadRule>("PUT", `/api/devices/upload-rules/${id(areaId)}`, { enrolledTabletsOnly });

/** What was stored from one tablet: for the data manager. */
export const deviceInterviews = (deviceId: string) =>
  get<DeviceInterviews>(`/api/devices/${id(deviceId)}/interviews`);
