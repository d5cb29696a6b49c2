import type {
  CreateUserRequest,
  ResetLink,
  SetUserRoleRequest,
  User,
  UsersResponse,
} from "../../shared/contract/index.ts";
import { get, post, request } from "./http.ts";

export const listUsers = async () => (await get<UsersResponse>("/api/users")).users;
export const createUser = (body: CreateUserRequest) => post<User>("/api/users", body);
/** Disabling signs the person out everywhere at once. */
export const disableUser = (id: string) => post<User>(`/api/users/${encodeURIComponent(id)}/disable`);
export const enableUser = (id: string) => post<User>(`/api/users/${encodeURIComponent(id)}/enable`);
export const setUserRole = (id: string, body: SetUserRoleRequest) =>
  request<User>("PUT", `/api/users/${encodeURIComponent(id)}/role`, body);
/** A one-time password reset link for someone who forgot theirs; shown once. */
export const makeResetLink = (id: string) =>
  post<ResetLink>(`/api/users/${encodeURIComponent(id)}/reset-link`);
