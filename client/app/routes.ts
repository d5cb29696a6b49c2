import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import type { Role } from "../../shared/contract/index.ts";
import { assertNever } from "./assert-never.ts";

/**
 * The signed-in areas of the app. Each page is its own lazily loaded chunk, so a tablet doing
 * fieldwork never downloads the dashboard or admin code, and a desktop never downloads survey-core.
 */
export interface PageRoute {
  path: string;
  label: string;
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
  /** False for a page reached by a link rather than from the header (e.g. /enrol from a QR code). */
  inNav?: boolean;
}

export const pageRoutes: readonly PageRoute[] = [
  {
    path: "/fieldwork",
    label: "Fieldwork",
    roles: ["peer_researcher", "coordinator", "admin"],
    page: lazy(() => import("../fieldwork/FieldworkPage.tsx")),
  },
  {
    path: "/dashboard",
    label: "Dashboard",
    // Live, exact figures: trusted analysts only (docs/decisions/0024-who-sees-what.md).
    roles: ["evaluator", "admin"],
    page: lazy(() => import("../dashboard/DashboardPage.tsx")),
  },
  {
    path: "/editor",
    label: "Co-design editor",
    roles: ["expert", "coordinator", "admin"],
    page: lazy(() => import("../editor/EditorPage.tsx")),
  },
  {
    path: "/admin",
    label: "Administration",
    roles: ["admin", "coordinator"],
    page: lazy(() => import("../admin/AdminPage.tsx")),
  },
  {
    path: "/audit",
    label: "Audit log",
    roles: ["admin"],
    page: lazy(() => import("../audit/AuditPage.tsx")),
  },
  {
    path: "/review",
    label: "Review",
    roles: ["admin", "evaluator"],
    page: lazy(() => import("../review/ReviewPage.tsx")),
  },
  {
    path: "/exports",
    label: "Exports",
    roles: ["evaluator", "admin"],
    page: lazy(() => import("../exports/ExportsPage.tsx")),
  },
  {
    path: "/needs-attention",
    label: "Needs attention",
    // The area partnership's view of review: which interviews and questions, never the answers.
    roles: ["coordinator"],
    page: lazy(() => import("../review/NeedsAttentionPage.tsx")),
  },
  {
    path: "/withdrawal",
    label: "Withdrawals",
    roles: ["admin", "coordinator"],
    page: lazy(() => import("../withdrawal/WithdrawalPage.tsx")),
  },
  {
    path: "/retention",
    label: "Retention",
    roles: ["admin"],
    page: lazy(() => import("../retention/RetentionPage.tsx")),
  },
  {
    path: "/coordination",
    label: "Coordination",
    roles: ["admin", "coordinator"],
    page: lazy(() => import("../coordination/CoordinationPage.tsx")),
  },
  {
    path: "/my-involvement",
    label: "My involvement",
    roles: ["peer_researcher", "expert", "coordinator"],
    page: lazy(() => import("../coordination/MyInvolvementPage.tsx")),
  },
  {
    path: "/releases",
    label: "Releases",
    roles: ["evaluator", "admin", "expert", "coordinator", "peer_researcher"],
    page: lazy(() => import("../releases/ReleasesPage.tsx")),
  },
  {
    path: "/enrol",
    label: "Enrol this tablet",
    roles: ["peer_researcher", "coordinator", "admin"],
    page: lazy(() => import("../coordination/EnrolPage.tsx")),
    inNav: false,
  },
  {
    path: "/account/password",
    label: "Change password",
    roles: ["admin", "coordinator", "peer_researcher", "evaluator", "expert"],
    page: lazy(() => import("../auth/ChangePasswordPage.tsx")),
    inNav: false,
  },
];

export function routesFor(role: Role): PageRoute[] {
  return pageRoutes.filter((route) => route.roles.includes(role) && route.inNav !== false);
}

/** Where "/" leads each role; null means the role's home is the welcome page at "/". */
export function homePathFor(role: Role): string | null {
  switch (role) {
    case "peer_researcher":
      return "/fieldwork";
    case "evaluator":
      return "/dashboard";
    case "admin":
      return "/admin";
    // A coordinator's work is coordinating fieldwork in their area (issue 15).
    case "coordinator":
      return "/coordination";
    case "expert":
      return "/editor";
    default:
      return assertNever(role);
  }
}
