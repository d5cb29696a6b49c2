import { Link } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { fieldworkPath } from "./paths.ts";

/**
 * A page that opens one of the tablet's records by its address, when the record is not the signed-in
 * researcher's (another researcher's on a shared tablet) or is not on this tablet at all. The two read
 * the same, so the page does not tell whether someone else has such a record here (issue 17).
 */
export function NotOnThisTablet({ what }: { what: "interview" | "concern" }) {
  return (
    <>
      <PageHeading>
        {what === "interview" ? "You cannot open this interview" : "You cannot open this concern"}
      </PageHeading>
      <p>
        It is not on this tablet, or another researcher made it. Each researcher sees only their own
        interviews, concerns and debriefs on a shared tablet.
      </p>
      <p>
        <Link to={fieldworkPath.home} className="button button--secondary">
          Back to fieldwork
        </Link>
      </p>
    </>
  );
}
