import type { Area, AreasResponse, CreateAreaRequest } from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export const listAreas = async () => (await get<AreasResponse>("/api/areas")).areas;
export const createArea = (body: CreateAreaRequest) => post<Area>("/api/areas", body);
