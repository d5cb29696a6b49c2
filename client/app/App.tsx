import { useSyncExternalStore } from "react";
import { SessionProvider } from "../auth/session.tsx";
import { subscribeWiped, tabletWiped } from "../offline/wipe-state.ts";
import { AnnouncerProvider } from "../ui/announcer.tsx";
import { AppRoutes } from "./AppRoutes.tsx";
import { Shell } from "./Shell.tsx";
import { TabletLostScreen } from "./TabletLostScreen.tsx";

export function App() {
  // A tablet reported lost has deleted its stores: nothing else renders (docs/decisions/0036).
  const wiped = useSyncExternalStore(subscribeWiped, tabletWiped);
  if (wiped) return <TabletLostScreen />;
  return (
    <SessionProvider>
      <AnnouncerProvider>
        <Shell>
          <AppRoutes />
        </Shell>
      </AnnouncerProvider>
    </SessionProvider>
  );
}
