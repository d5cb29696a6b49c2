/**
 * The server's answer to a record a tablet queued offline (a safeguarding concern, a debrief, a
 * reschedule). The id is the device's own, so a resend after a lost acknowledgement answers
 * "duplicate" and stores nothing new; different content under a stored id is a `record_conflict` problem.
 */
export interface UploadReceipt {
  id: string;
  outcome: "accepted" | "duplicate";
  receivedAt: string;
}
