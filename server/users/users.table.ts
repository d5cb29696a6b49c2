import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  area_id: string | null;
  password_hash: string | null;
  disabled: Generated<number>;
  created_at: string;
}
