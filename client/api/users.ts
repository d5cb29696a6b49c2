import type { CreateUserRequest, User, UsersResponse } from "../../shared/contract/index.ts";
import { get, post } from "./http.ts";

export const listUsers = async () => (await get<UsersResponse>("/api/users")).users;
export const createUser = (body: CreateUserRequest) => post<User>("/api/users", body);
