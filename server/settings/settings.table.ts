/** Run-time settings an administrator changes (e.g. `suppression_k`), values as JSON text. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}
