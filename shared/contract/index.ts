export * from "./areas.ts";
export * from "./auth.ts";
export * from "./problems.ts";
export * from "./roles.ts";
export * from "./stats.ts";
export * from "./surveys.ts";
export * from "./sync.ts";
export * from "./users.ts";
