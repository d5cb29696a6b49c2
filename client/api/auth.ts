import { authApi } from "../../shared/contract/auth.routes.ts";
import type { Me } from "../../shared/contract/index.ts";
import { ApiError } from "./api-error.ts";
import { call } from "./call.ts";

/** The signed-in person, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await call(authApi.me);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_signed_in") return null;
    throw error;
  }
}
