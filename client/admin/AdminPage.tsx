import { listAreas } from "../api/areas.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { Link } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AreasSection } from "./AreasSection.tsx";
import { UsersSection } from "./UsersSection.tsx";

export default function AdminPage() {
  const me = useMe();
  // Both sections show areas: the users table names each account's area.
  const [areas, reloadAreas] = useResource(listAreas);
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <nav aria-label="Other work" className="quick-links">
        <ul>
          {/* Live figures are for trusted analysts; coordinators follow up interviews instead (0024). */}
          {me.role === "coordinator" ? (
            <li>
              <Link to="/needs-attention">Interviews that need attention</Link>
            </li>
          ) : (
            <li>
              <Link to="/dashboard">Dashboard: responses received</Link>
            </li>
          )}
          <li>
            <Link to="/fieldwork">Fieldwork: start an interview</Link>
          </li>
        </ul>
      </nav>
      <UsersSection me={me} areas={areas.status === "ready" ? areas.data : []} />
      <AreasSection me={me} areas={areas} onCreated={reloadAreas} />
    </>
  );
}
