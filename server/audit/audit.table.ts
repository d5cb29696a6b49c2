export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
  /** From which device: the client's address, its user agent, and a tablet's own id where it sent one. */
  ip: string | null;
  user_agent: string | null;
  device_id: string | null;
}
