import { errorMessage } from "../api/api-error.ts";
import { useSession } from "../auth/session.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";

export function ServerUnreachable({ error }: { error: unknown }) {
  const { reload } = useSession();
  return (
    <>
      <PageHeading>Alongside cannot reach the server</PageHeading>
      <p>{errorMessage(error)}</p>
      <p>Interviews already saved on this device are kept.</p>
      <button type="button" className="button" onClick={reload}>
        Try again
      </button>
    </>
  );
}
