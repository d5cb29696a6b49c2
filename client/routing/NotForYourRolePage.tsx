import { PageHeading } from "../ui/PageHeading.tsx";
import { Link } from "./router.tsx";

export function NotForYourRolePage() {
  return (
    <>
      <PageHeading>This page is not part of your role</PageHeading>
      <p>Your account does not give access to this page. If you think it should, ask your coordinator.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}
