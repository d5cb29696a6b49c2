import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import type { VersionHistoryResponse, WordingDiffResponse } from "../../shared/contract/index.ts";
import { exportUrl, fetchDiff, fetchVersions } from "../api/editor.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { DiffText } from "./DiffText.tsx";
import { XlsformDownload } from "./XlsformDownload.tsx";

type Which = number | "draft";

const label = (which: Which) => (which === "draft" ? "the current draft" : `version ${which}`);

/**
 * Every published version (who published it, on whose sign-off, how many responses it holds) and a
 * word-level diff of the wording between any two of them or the draft.
 */
export function HistoryPanel({ surveyId, refreshKey }: { surveyId: string; refreshKey: number }) {
  const id = useId();
  const [history, setHistory] = useState<VersionHistoryResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [from, setFrom] = useState<Which | null>(null);
  const [to, setTo] = useState<Which>("draft");
  const [diff, setDiff] = useState<WordingDiffResponse | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after a publish.
  useEffect(() => {
    let live = true;
    fetchVersions(surveyId).then(
      (h) => {
        if (!live) return;
        setHistory(h);
        setFrom((current) => current ?? h.versions[0]?.version ?? null);
      },
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [surveyId, refreshKey]);

  const compare = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (from === null) return;
      setFailure(null);
      try {
        setDiff(await fetchDiff(surveyId, from, to));
      } catch (error) {
        setFailure(error);
      }
    },
    [surveyId, from, to],
  );

  if (!history && failure === null) return <Loading what="the version history" />;
  const options: Which[] = ["draft", ...(history?.versions.map((v) => v.version) ?? [])];
  const parse = (value: string): Which => (value === "draft" ? "draft" : Number(value));

  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Version history</h2>
      {failure !== null && <ErrorAlert error={failure} heading="The history did not load" />}
      {history && history.versions.length === 0 && <p>Nothing has been published yet.</p>}
      {history && history.versions.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>Published versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Signed off by</th>
                <th scope="col" className="num">
                  Responses
                </th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {history.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">Version {v.version}</th>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>{v.publishedBy?.name ?? "Came with the app"}</td>
                  <td>
                    {v.signedOffBy.length > 0
                      ? v.signedOffBy.map((p) => p.name).join(", ")
                      : v.reason
                        ? `No sign-off: ${v.reason}`
                        : "—"}
                  </td>
                  <td className="num">{plural(v.responses, "response")}</td>
                  <td>
                    <a href={exportUrl(surveyId, v.version)} download>
                      Download version {v.version}
                    </a>
                    <XlsformDownload surveyId={surveyId} version={v.version} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Responses are counted within your area. Each stays with the version it was given under.
          </p>
        </div>
      )}

      <form className="diff-form" onSubmit={compare}>
        <h3>Compare wording</h3>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-from`}>Compare from</label>
            <select
              id={`${id}-from`}
              className="input input--medium"
              value={String(from ?? "")}
              onChange={(e) => setFrom(parse(e.target.value))}
            >
              {options.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {o === "draft" ? "Current draft" : `Version ${o}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Compare to</label>
            <select
              id={`${id}-to`}
              className="input input--medium"
              value={String(to)}
              onChange={(e) => setTo(parse(e.target.value))}
            >
              {options.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {o === "draft" ? "Current draft" : `Version ${o}`}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button button--secondary" disabled={from === null}>
          Show the differences
        </button>
      </form>
      {diff && (
        <div className="diff-result" aria-live="polite">
          <h3>
            From {label(diff.from)} to {label(diff.to)}
          </h3>
          {diff.items.length === 0 && <p>The wording is the same.</p>}
          <ul className="diff-list">
            {diff.items.map((item) => (
              <li key={`${item.kind}:${item.name}`}>
                <p className="diff-list__head">
                  <strong>{item.title}</strong>{" "}
                  <span className="muted">
                    ({item.kind}, {item.status})
                  </span>
                </p>
                <dl className="diff-list__strings">
                  {item.strings.map((s) => (
                    <div key={s.key}>
                      <dt>{s.label}</dt>
                      <dd>
                        <DiffText segments={s.segments} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
