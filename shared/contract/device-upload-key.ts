/**
 * An enrolled tablet's upload key (docs/decisions/0035-tablet-key-management.md): 32 random bytes
 * (base64url) that unlock the tablet's outbox, so finished interviews upload without anyone's PIN.
 * The tablet keeps it in memory only while online; the server refuses it to a revoked or lost tablet.
 * `keyId` names the key, so the tablet can tell which key wrapped what.
 */
export interface DeviceUploadKey {
  deviceId: string;
  keyId: string;
  key: string;
  /**
   * The signed-in person's recovery key on this tablet (32 bytes, base64url): a second wrap of their
   * data key, so after five wrong PINs, or a forgotten PIN, an online sign-in opens their space again.
   * Different for each person and each tablet; the tablet never stores it.
   */
  recoveryKey: string;
}

export const UPLOAD_KEY_PATH = "/api/devices/upload-key";
