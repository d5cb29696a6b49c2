import type { Area, Me } from "../../shared/contract/index.ts";
import { roleLabels } from "../../shared/contract/index.ts";
import { useResource } from "../api/use-resource.ts";
import { listUsers } from "../api/users.ts";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { ResetLinkButton } from "./ResetLinkButton.tsx";
import { UserStatusToggle } from "./UserStatusToggle.tsx";

/** Accounts: every account for an admin, the coordinator's own area for a coordinator. */
export function UsersSection({ me, areas }: { me: Me; areas: Area[] }) {
  const [users, reload] = useResource(listUsers);
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{me.role === "admin" ? "Users" : "Users in your area"}</h2>
      {users.status === "loading" && <Loading what="users" />}
      {users.status === "error" && <ErrorAlert heading="The users did not load" error={users.error} />}
      {users.status === "ready" && (
        <div className="table-scroll">
          <table className="table">
            <caption>{me.role === "admin" ? "All accounts" : "Accounts in your area"}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Area</th>
                <th scope="col">Status</th>
                <th scope="col">Forgotten password</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.email}</td>
                  <td>{roleLabels[user.role]}</td>
                  <td>{areaName(areas, user.areaId)}</td>
                  <td>
                    <UserStatusToggle me={me} user={user} onChanged={reload} />
                  </td>
                  <td>
                    <ResetLinkButton me={me} user={user} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="users-invite">
        To add someone, <Link to="/coordination/people">invite them from People and invitations</Link>. They
        get a link (and a QR code) to choose their own password, so no one else ever knows it.
      </p>
    </section>
  );
}

function areaName(areas: Area[], id: string | null): string {
  if (id === null) return "All areas";
  return areas.find((area) => area.id === id)?.name ?? id;
}
