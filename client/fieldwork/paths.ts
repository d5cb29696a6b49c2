/**
 * The fieldwork pages, each at its own address under /fieldwork so that a reload, a crash or a closed
 * tab comes back to the same place (an interview at /fieldwork/interview/<id> resumes itself).
 */
export type FieldworkView =
  | { page: "home" }
  | { page: "start"; surveyId: string }
  | { page: "interview"; id: string }
  | { page: "finished"; id: string }
  | { page: "outbox" }
  | { page: "due" }
  | { page: "concern" }
  | { page: "debrief" }
  | { page: "unknown" };

export function fieldworkView(pathname: string): FieldworkView {
  const rest = pathname.replace(/^\/fieldwork\/?/, "").replace(/\/$/, "");
  if (rest === "") return { page: "home" };
  const [first, second, ...more] = rest.split("/").map(decodeURIComponent);
  if (more.length > 0 || first === undefined) return { page: "unknown" };
  if (second !== undefined) {
    if (first === "start") return { page: "start", surveyId: second };
    if (first === "interview") return { page: "interview", id: second };
    if (first === "finished") return { page: "finished", id: second };
    return { page: "unknown" };
  }
  if (first === "outbox" || first === "due" || first === "concern" || first === "debrief")
    return { page: first };
  return { page: "unknown" };
}

export const fieldworkPath = {
  home: "/fieldwork",
  start: (surveyId: string) => `/fieldwork/start/${encodeURIComponent(surveyId)}`,
  interview: (id: string) => `/fieldwork/interview/${encodeURIComponent(id)}`,
  finished: (id: string, ending: string) =>
    `/fieldwork/finished/${encodeURIComponent(id)}?${new URLSearchParams({ ending }).toString()}`,
  outbox: "/fieldwork/outbox",
  due: "/fieldwork/due",
  concern: "/fieldwork/concern",
  debrief: "/fieldwork/debrief",
};

/**
 * A participant's code never goes in an address (the browser's history keeps addresses and offers
 * them to the next person at the address bar, issue 17): the pages that start with one take it in
 * the history entry's state (`navigate(…, { state: withCode(code) })`, `<Link state={…}>`).
 */
export function withCode(code: string | undefined): { code: string } | undefined {
  return code ? { code } : undefined;
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}
