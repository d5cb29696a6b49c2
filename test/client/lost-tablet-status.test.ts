import { describe, expect, it } from "vitest";
import { lostStatus } from "../../client/coordination/LostTablet.tsx";
import type { Device } from "../../shared/contract/devices.ts";

const tablet: Device = {
  id: "d1",
  label: "Tablet 3",
  areaId: "north",
  userId: "u1",
  userName: "Sam",
  enrolledAt: "2026-11-20T09:00:00.000Z",
  enrolledByName: "Jo",
  lastSeenAt: null,
  revokedAt: null,
  lostAt: null,
  lostReason: null,
  foundAt: null,
  wipedAt: null,
};

describe("a lost tablet's status words", () => {
  it("says when it was reported lost, and that reporting it lost is what revoked it", () => {
    const at = "2026-11-25T10:00:00.000Z";
    const words = lostStatus({ ...tablet, revokedAt: at, lostAt: at });
    expect(words).toMatch(/^Reported lost .+\. It has not connected since\.$/);
  });

  it("keeps an earlier revocation in view when the tablet was revoked first and reported lost later", () => {
    const words = lostStatus({
      ...tablet,
      revokedAt: "2026-11-21T10:00:00.000Z",
      lostAt: "2026-11-25T10:00:00.000Z",
    });
    expect(words).toMatch(/^Revoked .+, then reported lost .+\. It has not connected since\.$/);
  });
});
