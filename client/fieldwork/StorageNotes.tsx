import { useEffect, useState } from "react";
import { wasCreatedThisSession } from "../offline/db.ts";
import { requestPersistentStorage, type StoragePersistence } from "../offline/persistent-storage.ts";
import { acknowledgeStoreLoss, storeLoss } from "../offline/storage-pressure.ts";

/**
 * On the fieldwork home (issue 17): says when the tablet's stored interviews disappeared since it was
 * last used, and when the browser would not promise to keep its storage.
 */
export function StorageNotes() {
  const [lost, setLost] = useState<{ since: string } | null>(null);
  const [persistence, setPersistence] = useState<StoragePersistence | null>(null);
  useEffect(() => {
    let live = true;
    // Opening the database checks whether the store was lost (db.ts); this reads what it found.
    wasCreatedThisSession().then(
      () => live && setLost(storeLoss()),
      () => undefined,
    );
    requestPersistentStorage().then((result) => live && setPersistence(result));
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      {lost && (
        <div className="notice notice--warning" role="alert">
          <h2>Interviews stored on this tablet are gone</h2>
          <p>
            Since Alongside was last used on this tablet, its stored interviews were cleared: by the browser
            when space ran low, or by someone clearing the browser's data. Anything that had not been uploaded
            from this tablet is no longer on it. Tell your coordinator: they can see what reached the server.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              acknowledgeStoreLoss();
              setLost(null);
            }}
          >
            I have read this
          </button>
        </div>
      )}
      {persistence === "best_effort" && (
        <p className="notice notice--info" role="note">
          This browser has not promised to keep Alongside's storage on this tablet, so it may clear it if
          space runs very low. Upload often. Adding Alongside to the home screen usually makes the browser
          keep it.
        </p>
      )}
    </>
  );
}
