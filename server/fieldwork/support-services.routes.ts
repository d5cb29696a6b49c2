import type { Hono } from "hono";
import { supportServicesApi } from "../../shared/contract/support-services.routes.ts";
import { SetSupportServiceTranslationsRequest } from "../../shared/contract/support-services.schema.ts";
import { Locale } from "../../shared/contract/translations.schema.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findSupportServices,
  setSupportServiceTranslations,
  supportServiceNames,
} from "./support-services.repository.ts";

/**
 * `GET /api/areas/:id/support-services`, mounted beside the areas routes. A tablet fetches it once
 * online and keeps it, so the distress protocol can signpost with no connection.
 *
 * `PUT …/support-services/translations/:locale`: the area's coordinator gives the services' words in
 * one language (decision 0050), so the person is signposted in the language of their interview.
 */
export function supportServicesRoutes(api: Hono<AppEnv>): void {
  mount(api, supportServicesApi.get, {}, async (c, { params }) => {
    const user = requireUser(c.get("user"));
    const areaId = params.id;
    assertAreaInScope(user, areaId);
    const found = await findSupportServices(c.get("deps").db, areaId);
    if (!found) throw new ProblemError("area_not_found", `No area "${areaId.slice(0, 64)}".`);
    return found;
  });

  mount(
    api,
    supportServicesApi.translate,
    { body: SetSupportServiceTranslationsRequest },
    async (c, { params, body }) => {
      const { db, now } = c.get("deps");
      const user = requireUser(c.get("user"));
      const areaId = params.id;
      assertAreaInScope(user, areaId);
      const locale = Locale.safeParse(params.locale);
      if (!locale.success) {
        const message = "Not a language code, like “pl” or “pt-br”.";
        throw new ProblemError("invalid_body", message, [{ path: ["locale"], message }]);
      }
      const names = await supportServiceNames(db, areaId);
      if (!names) throw new ProblemError("area_not_found", `No area "${areaId.slice(0, 64)}".`);
      const { services } = body;
      const unknown = Object.keys(services).filter((name) => !names.has(name));
      if (unknown.length > 0) {
        const message = "There is no service by this name on the area's list.";
        throw new ProblemError(
          "invalid_body",
          message,
          unknown.map((name) => ({ path: ["services", name], message })),
        );
      }
      await setSupportServiceTranslations(db, areaId, locale.data, services);
      await audit(db, {
        ...requestOrigin(c),
        at: now(),
        actorId: user.id,
        action: "area.update",
        target: areaId,
        detail: { changed: ["supportServiceTranslations"], locale: locale.data },
      });
      const found = await findSupportServices(db, areaId);
      if (!found) throw new ProblemError("area_not_found", `No area "${areaId.slice(0, 64)}".`);
      return found;
    },
  );
}
