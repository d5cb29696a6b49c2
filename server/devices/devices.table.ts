/** An enrolled tablet. Only the SHA-256 of its token is kept; a revoked device's uploads are refused. */
export interface DevicesTable {
  id: string;
  user_id: string;
  area_id: string;
  label: string;
  token_hash: string;
  enrolled_at: string;
  enrolled_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_seen_at: string | null;
  // A lost tablet (issue 17, decision 0036).
  lost_at: string | null;
  lost_by: string | null;
  lost_reason: string | null;
  found_at: string | null;
  found_by: string | null;
  wiped_at: string | null;
  lost_refused_at: string | null;
  manifest_at: string | null;
  manifest_omitted: number | null;
}

/**
 * What a tablet said it held and had not yet uploaded (its manifest), one row per item it ever
 * reported; `on_tablet` is 1 for the lines of its latest manifest ("on it at its last report").
 */
export interface DeviceManifestItemsTable {
  device_id: string;
  item_id: string;
  kind: string;
  participant_code: string | null;
  survey_id: string | null;
  wave: number | null;
  collected_at: string;
  first_reported_at: string;
  last_reported_at: string;
  on_tablet: number;
}

/** A short-lived, single-use code shown as a QR code; `id` is the SHA-256 of the code. */
export interface DeviceEnrolmentCodesTable {
  id: string;
  user_id: string;
  area_id: string;
  label: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

/** An enrolled tablet's upload key (docs/decisions/0035): given only to that tablet, through the device check. */
export interface DeviceUploadKeysTable {
  device_id: string;
  key_id: string;
  key: string;
  created_at: string;
}
