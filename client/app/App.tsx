import { SessionProvider } from "../auth/session.tsx";
import { AppRoutes } from "./AppRoutes.tsx";
import { AnnouncerProvider } from "./announcer.tsx";
import { Shell } from "./Shell.tsx";

export function App() {
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
