import type { LiveView } from "../../shared/contract/index.ts";
import { outcomesApi } from "../../shared/contract/outcomes.routes.ts";
import { call } from "./call.ts";

/** The theory of change with each outcome's figures: the loader the dashboard and the release composer share. */
export const fetchOutcomeMap = (view: LiveView = "exact") =>
  call(outcomesApi.map, { query: { view: view === "released" ? view : undefined } });
