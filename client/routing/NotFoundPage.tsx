import { PageHeading } from "../ui/PageHeading.tsx";
import { Link } from "./router.tsx";

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}
