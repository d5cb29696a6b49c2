// The fieldwork home's status lines, loaded as one chunk a moment after the page (decision 0063):
// the uploader's status comes with the uploader, and the storage notes once the storage is checked.
export { StorageNotes } from "./StorageNotes.tsx";
export { SyncStatus } from "./SyncStatus.tsx";
