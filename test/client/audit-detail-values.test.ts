import { describe, expect, it } from "vitest";
import { browserName } from "../../client/audit/browser-name.ts";
import { filterLabel } from "../../client/audit/detail-labels.ts";
import { detailValue } from "../../client/audit/detail-values.ts";
import type { AuditNames } from "../../client/audit/use-audit-names.ts";

const names: AuditNames = {
  areas: new Map([["southport-bay", "Southport Bay"]]),
  surveys: new Map([["participant-interview", "Participant interview"]]),
};
const words = (key: string, value: unknown) => detailValue(key, value, names);

describe("an audit entry's details in words", () => {
  it("reads a live figures read, an export and a withdrawal as the screens that made them say them", () => {
    expect(words("view", "released")).toBe("As it would be released");
    expect(words("view", "exact")).toBe("Exact figures");
    expect(words("file", "responses-wide.csv")).toBe(
      "CSV for R, pandas or SPSS, one row per response (exact)",
    );
    expect(words("choice", "delete_all")).toBe("Delete all their answers");
    expect(words("actingAs", "data_manager")).toBe("Data manager");
    expect(words("reason", "bad_credentials")).toBe("Wrong email or password");
    expect(words("urgency", "this_week")).toBe("This week");
  });

  it("names areas, surveys, waves, months and roles instead of their codes", () => {
    expect(words("areaId", "southport-bay")).toBe("Southport Bay");
    expect(words("areas", ["southport-bay", "gone-area"])).toBe("Southport Bay, gone-area");
    expect(words("areaId", null)).toBe("Every area");
    expect(words("wave", null)).toBe("Every interview");
    expect(words("wave", "0")).toBe("First interview");
    expect(words("changeTo", 2)).toBe("Follow-up 2");
    expect(words("version", "participant-interview@3")).toBe("Participant interview, version 3");
    expect(words("surveyId", "participant-interview")).toBe("Participant interview");
    expect(words("from", "2026-01")).toBe("January 2026");
    expect(words("receivedAt", "2026-03-04T10:00:00.000Z")).toMatch(/^4 Mar 2026, \d\d:00$/);
    expect(words("to", "needs_review")).toBe("Needs review");
    expect(words("from", "peer_researcher")).toBe("Peer researcher");
    expect(words("status", "all")).toBe("Every response not rejected");
    expect(words("mode", "read_aloud")).toBe("Read aloud by the peer researcher");
    expect(words("language", "pl")).toBe("Polish");
    expect(words("breakdown", "language")).toBe("Interview language");
  });

  it("labels a filter by what it chose, not by the words a change uses", () => {
    expect(filterLabel("from")).toBe("Completed from");
    expect(filterLabel("areaId")).toBe("Area");
    expect(filterLabel("changeFrom")).toBe("Change compared from");
  });

  it("keeps a value it has no words for as it was written, never hiding it", () => {
    expect(words("snapshotId", "abc-123")).toBe("abc-123");
    expect(words("count", 1234)).toBe("1,234");
    expect(words("truncated", false)).toBe("no");
    expect(words("areas", [])).toBe("none");
  });
});

describe("a browser in a few words", () => {
  it("names the browser, its main version and the system", () => {
    expect(
      browserName(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 156 on Linux");
    expect(
      browserName(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0.1",
      ),
    ).toBe("Edge 120 on Windows");
    expect(
      browserName(
        "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17 on an iPad");
  });

  it("gives nothing for a string it cannot read, so the page shows it whole", () => {
    expect(browserName("Tablet")).toBeNull();
  });
});
