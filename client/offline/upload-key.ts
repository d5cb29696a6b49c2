import { uploadKeyApi } from "../../shared/contract/device-upload-key.routes.ts";
import type { DeviceUploadKey } from "../../shared/contract/device-upload-key.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import { ensureOutboxKeys, openOutboxKey } from "./space.ts";
import { upload } from "./transport.ts";

/**
 * The tablet's upload key, asked of the server while online (docs/decisions/0035). It is held in
 * memory by whoever asked and never stored: the tablet stores only what it wrapped with it.
 */
export type UploadKeyAnswer =
  | { kind: "ok"; key: DeviceUploadKey }
  /** A browser that is not an enrolled tablet: its outbox opens with its authors' PINs only. */
  | { kind: "not_enrolled" }
  /** Revoked, lost, someone else's tablet, signed out: the server said why. */
  | { kind: "refused"; problem: Problem }
  | { kind: "unreachable"; reason: string };

export async function fetchUploadKey(): Promise<UploadKeyAnswer> {
  const answer = await upload(uploadKeyApi.get);
  switch (answer.kind) {
    case "ok":
      return { kind: "ok", key: answer.body };
    case "problem":
      return answer.problem.code === "upload_key_needs_enrolment"
        ? { kind: "not_enrolled" }
        : { kind: "refused", problem: answer.problem };
    case "unreachable":
      return { kind: "unreachable", reason: answer.reason };
  }
}

/**
 * Online: asks for the upload key, makes the tablet's outbox key pair the first time, and answers
 * the pair's private key (in memory, for this upload run) with the person's recovery key, or why not.
 */
export async function unlockOutbox(): Promise<
  { kind: "ok"; privateKey: CryptoKey; recoveryKey: string } | Exclude<UploadKeyAnswer, { kind: "ok" }>
> {
  const answer = await fetchUploadKey();
  if (answer.kind !== "ok") return answer;
  await ensureOutboxKeys(answer.key);
  const privateKey = await openOutboxKey(answer.key);
  if (!privateKey) throw new Error("The tablet's outbox key pair is missing after it was made.");
  return { kind: "ok", privateKey, recoveryKey: answer.key.recoveryKey };
}
