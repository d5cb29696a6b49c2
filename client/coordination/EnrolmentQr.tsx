import { type EnrolmentCode, enrolmentPath } from "../../shared/contract/index.ts";
import { formatDateTime } from "../ui/format.ts";
import { QrCode } from "./QrCode.tsx";

/**
 * The enrolment code as a QR code for the tablet's camera, with the code in letters for typing. The QR
 * code holds this app's address as the coordinator sees it (`/enrol#code=…`); the code itself is in the
 * fragment, so it never reaches a server log.
 */
export function EnrolmentQr({ code }: { code: EnrolmentCode }) {
  const url = `${window.location.origin}${enrolmentPath(code.code)}`;
  return (
    <div className="notice notice--success" role="status">
      <p className="alert__heading">
        Enrol “{code.label}” for {code.userName}
      </p>
      <ol>
        <li>On the tablet, sign in to Alongside as {code.userName}.</li>
        <li>Scan this QR code with the tablet's camera and open the link.</li>
        <li>
          Or, on the tablet, go to <span className="code">{window.location.origin}/enrol</span> and type the
          code.
        </li>
      </ol>
      <QrCode url={url} alt={`QR code that opens the enrolment link for ${code.userName}'s tablet`} />
      <p>
        Code: <span className="enrolment-code">{code.code}</span>
      </p>
      <p>It works once, until {formatDateTime(code.expiresAt)}.</p>
    </div>
  );
}
