import type {
  ChangePasswordRequest,
  LoginRequest,
  Me,
  SetupLinkInfo,
  SetupRequest,
  SetupStatus,
} from "../../shared/contract/index.ts";
import { ApiError } from "./api-error.ts";
import { get, post } from "./http.ts";

export const login = (body: LoginRequest) => post<Me>("/api/auth/login", body);
export const logout = () => post<void>("/api/auth/logout");
/** Ends every session of the signed-in account, on every device. */
export const logoutEverywhere = () => post<void>("/api/auth/logout-all");
export const setup = (body: SetupRequest) => post<Me>("/api/auth/setup", body);
/** What a one-time link is for, without using it up; `setup_token_invalid` when it is used or expired. */
export const setupLinkInfo = (token: string) => post<SetupLinkInfo>("/api/auth/setup-link", { token });
/** Whether the installation still waits for its first administrator. */
export const setupStatus = () => get<SetupStatus>("/api/auth/setup-status");
/** Keeps this session; every other session of the account ends. */
export const changePassword = (body: ChangePasswordRequest) => post<void>("/api/auth/password", body);

/** The signed-in person, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await get<Me>("/api/auth/me");
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_signed_in") return null;
    throw error;
  }
}
