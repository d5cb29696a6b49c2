import { StorageNotes } from "./StorageNotes.tsx";
import { SyncStatus } from "./SyncStatus.tsx";

/**
 * The fieldwork home's status lines, loaded as one chunk once the page opens (decision 0063): the
 * uploader's status comes with the uploader, and the storage notes wait for a storage check anyway.
 */
export function HomeStatus() {
  return (
    <>
      <SyncStatus />
      <StorageNotes />
    </>
  );
}
