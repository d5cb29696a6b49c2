import type { Me } from "../../shared/contract/index.ts";
import { PageHeading } from "../ui/PageHeading.tsx";

export function WelcomePage({ me }: { me: Me }) {
  return (
    <>
      <PageHeading>{`Welcome, ${me.displayName}`}</PageHeading>
      <p className="lead">Thank you for helping to shape the surveys with us.</p>
      <p>
        The space where you will draft and reword questions, comment and sign off versions is being built.
        Your coordinator will let you know when it is ready.
      </p>
    </>
  );
}
