import { areasApi } from "../../shared/contract/areas.routes.ts";
import { call } from "./call.ts";

/** The areas in the signed-in person's scope: the loader five pages share. */
export const listAreas = async () => (await call(areasApi.list)).areas;
