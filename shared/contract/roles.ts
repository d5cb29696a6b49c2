import { z } from "zod";

export const roles = ["admin", "coordinator", "peer_researcher", "evaluator", "expert"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  coordinator: "Coordinator",
  peer_researcher: "Peer researcher",
  evaluator: "Evaluator",
  expert: "Expert by experience",
};
