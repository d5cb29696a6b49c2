import type { Area, Me } from "../../shared/contract/index.ts";
import type { Resource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { CreateAreaForm } from "./CreateAreaForm.tsx";

/** The MEAM Approach areas; only an admin adds new ones. */
export function AreasSection({
  me,
  areas,
  onCreated,
}: {
  me: Me;
  areas: Resource<Area[]>;
  onCreated: () => void;
}) {
  return (
    <section aria-labelledby="areas-heading">
      <h2 id="areas-heading">Areas</h2>
      {areas.status === "loading" && <Loading what="areas" />}
      {areas.status === "error" && <ErrorAlert heading="The areas did not load" error={areas.error} />}
      {areas.status === "ready" &&
        (areas.data.length === 0 ? (
          <p>There are no areas yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption>Areas</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Short name for links</th>
                  <th scope="col">Region</th>
                </tr>
              </thead>
              <tbody>
                {areas.data.map((area) => (
                  <tr key={area.id}>
                    <th scope="row">{area.name}</th>
                    <td className="code">{area.id}</td>
                    <td>{area.region}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {me.role === "admin" && <CreateAreaForm onCreated={onCreated} />}
    </section>
  );
}
