import { vi } from "vitest";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
// Development only: the validator pool's .ts worker cannot load under vitest yet.
vi.mock("../server/fieldwork/validator-pool.ts", () => ({ createValidators: () => new ValidatorCache() }));
