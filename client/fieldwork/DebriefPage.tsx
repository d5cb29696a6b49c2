import { useState } from "react";
import type { Me } from "../../shared/contract/index.ts";
import { Link } from "../routing/router.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { AreaField } from "./AreaField.tsx";
import { DebriefForm } from "./DebriefForm.tsx";
import { fieldworkPath } from "./paths.ts";

/** A debrief at any time, not only straight after an interview. */
export function DebriefPage({ me }: { me: Me }) {
  const [areaId, setAreaId] = useState(me.areaId ?? "");
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeading>Debrief</PageHeading>
      {done ? (
        <p className="notice notice--success">
          Thank you. Your debrief is saved and uploads when the tablet is online.
        </p>
      ) : (
        <>
          {me.areaId === null && <AreaField me={me} value={areaId} onChange={setAreaId} />}
          {areaId && <DebriefForm me={me} areaId={areaId} onDone={() => setDone(true)} />}
        </>
      )}
      <p>
        <Link to={fieldworkPath.home} className="button button--secondary">
          Back to fieldwork
        </Link>
      </p>
    </>
  );
}
