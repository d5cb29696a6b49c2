/**
 * Tablets are enrolled by a code the coordinator's screen shows as a QR code. The code lives for a few
 * minutes, works once, and binds the tablet to a researcher and their area. The tablet trades it for a
 * device token, keeps that in localStorage under `DEVICE_TOKEN_KEY` and sends it on every sync in the
 * `DEVICE_HEADER` header. A revoked tablet's uploads are refused with `device_revoked` (and kept on
 * the tablet). A sync without the header is still taken: see docs/decisions on device enrolment.
 */
export const DEVICE_HEADER = "x-alongside-device";
export const DEVICE_TOKEN_KEY = "alongside.deviceToken";
export const ENROLMENT_CODE_MINUTES = 10;

/** `/enrol#code=…`: the address the QR code encodes, after the app's origin. */
export function enrolmentPath(code: string): string {
  return `/enrol#code=${encodeURIComponent(code)}`;
}
