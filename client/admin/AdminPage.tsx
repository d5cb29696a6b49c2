import { Link } from "../app/router.tsx";
import { useMe } from "../auth/session.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AreasSection } from "./AreasSection.tsx";
import { UsersSection } from "./UsersSection.tsx";

export default function AdminPage() {
  const me = useMe();
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <nav aria-label="Other work" className="quick-links">
        <ul>
          <li>
            <Link to="/dashboard">Dashboard: responses received</Link>
          </li>
          <li>
            <Link to="/fieldwork">Fieldwork: start an interview</Link>
          </li>
        </ul>
      </nav>
      <UsersSection me={me} />
      <AreasSection me={me} />
    </>
  );
}
