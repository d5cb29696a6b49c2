import type { ResetLink, User, UsersResponse } from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export const listUsers = async () => (await get<UsersResponse>("/api/users")).users;
/** Disabling signs the person out everywhere at once. */
export const disableUser = (id: string) => post<User>(`/api/users/${encodeURIComponent(id)}/disable`);
export const enableUser = (id: string) => post<User>(`/api/users/${encodeURIComponent(id)}/enable`);
/** A one-time password reset link for someone who forgot theirs; shown once. */
export const makeResetLink = (id: string) =>
  post<ResetLink>(`/api/users/${encodeURIComponent(id)}/reset-link`);
