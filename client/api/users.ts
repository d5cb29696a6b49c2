import { usersApi } from "../../shared/contract/users.routes.ts";
import { call } from "./call.ts";

/** The accounts the signed-in person may see: the loader three pages share. */
export const listUsers = async () => (await call(usersApi.list)).users;
