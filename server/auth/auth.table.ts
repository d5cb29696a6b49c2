export interface SessionsTable {
  /** SHA-256 of the cookie's token: a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** For the idle timeout; moved forward at most once a minute. Null only on rows from before it existed. */
  last_seen_at: string | null;
}

export interface SetupTokensTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A failed or in-flight sign-in; counted per email and per address for lockout, shared by all instances. */
export interface LoginAttemptsTable {
  id: string;
  at: string;
  email: string;
  ip: string | null;
}
