import type { Area, AreasResponse, CreateAreaRequest } from "./areas.ts";
import { everyone, route } from "./route.ts";

/** Areas: everyone reads the areas in their scope; only an admin adds one. */
export const areasApi = {
  list: route("GET", "/api/areas", everyone).answers<AreasResponse>(),
  create: route("POST", "/api/areas", ["admin"], { status: 201 })
    .takes<{ body: CreateAreaRequest }>()
    .answers<Area>(),
};
