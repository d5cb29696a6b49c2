import { NotFoundPage } from "../routing/NotFoundPage.tsx";
import { usePathname } from "../routing/router.tsx";
import { DashboardHome } from "./DashboardHome.tsx";
import { OutcomePage } from "./OutcomePage.tsx";
import "./dashboard.css";

/** `/dashboard` is the theory-of-change map; `/dashboard/outcomes/<id>` one outcome's page. */
export default function DashboardPage() {
  const path = usePathname();
  const outcome = /^\/dashboard\/outcomes\/([^/]+)\/?$/.exec(path);
  if (outcome?.[1]) return <OutcomePage key={outcome[1]} outcomeId={decodeURIComponent(outcome[1])} />;
  if (path === "/dashboard" || path === "/dashboard/") return <DashboardHome />;
  return <NotFoundPage />;
}
