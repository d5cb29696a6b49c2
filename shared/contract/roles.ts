/**
 * The roles and their labels, free of zod so the client can show them without loading the schema
 * library (docs/decisions/0020). The request schema for a role is `Role` in `roles.schema.ts`.
 */
export const roles = ["admin", "coordinator", "peer_researcher", "evaluator", "expert"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  coordinator: "Coordinator",
  peer_researcher: "Peer researcher",
  evaluator: "Evaluator",
  expert: "Expert by experience",
};
