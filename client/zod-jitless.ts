/**
 * What "zod" means in the browser build (vite.config.ts aliases it here): zod itself, switched to
 * jitless before any schema is built. zod probes for eval() when it builds an object schema; our CSP
 * has no 'unsafe-eval', so the probe is reported as a violation. The setting used to sit in
 * client/main.tsx, which made the entry load all of zod; the client never parses with zod, and the
 * fieldwork route does not load it at all (docs/decisions/0020), but other pages import constants from
 * the contract barrel and so build its schemas. This module runs only where zod is loaded.
 */
import { config } from "zod/v4/core";

config({ jitless: true });

export * from "zod/v4";
