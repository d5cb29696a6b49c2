import { areaSettingsApi } from "./area-settings.routes.ts";
import { areasApi } from "./areas.routes.ts";
import { assignmentsApi } from "./assignments.routes.ts";
import { auditApi } from "./audit.routes.ts";
import { authApi } from "./auth.routes.ts";
import { debriefsApi } from "./debriefs.routes.ts";
import { uploadKeyApi } from "./device-upload-key.routes.ts";
import { devicesApi } from "./devices.routes.ts";
import { editorApi } from "./editor.routes.ts";
import { exportsApi } from "./exports.routes.ts";
import { followUpsApi } from "./follow-ups.routes.ts";
import { importApi } from "./import.routes.ts";
import { invitationsApi } from "./invitations.routes.ts";
import { lostDevicesApi } from "./lost-devices.routes.ts";
import { meApi } from "./me.routes.ts";
import { outcomesApi } from "./outcomes.routes.ts";
import { participationPlansApi } from "./participation-plans.routes.ts";
import { progressApi } from "./progress.routes.ts";
import { releasesApi } from "./releases.routes.ts";
import { retentionApi } from "./retention.routes.ts";
import { reviewApi } from "./review.routes.ts";
import { rewardsApi } from "./rewards.routes.ts";
import { safeguardingApi } from "./safeguarding.routes.ts";
import { safeguardingQueueApi } from "./safeguarding-queue.routes.ts";
import { settingsApi } from "./settings.routes.ts";
import { statsApi } from "./stats.routes.ts";
import { supportServicesApi } from "./support-services.routes.ts";
import { surveysApi } from "./surveys.routes.ts";
import { syncApi } from "./sync.routes.ts";
import { trainingApi } from "./training.routes.ts";
import { translationsApi } from "./translations.routes.ts";
import { usersApi } from "./users.routes.ts";
import { withdrawalsApi } from "./withdrawals.routes.ts";
import { xlsformApi } from "./xlsform.routes.ts";

/**
 * Every declared route (docs/decisions/0053), for the server's policy, the route table and the
 * tests. The client imports the feature's own `*.routes.ts`, not this list.
 */
export const declaredRoutes = [
  ...Object.values(areaSettingsApi),
  ...Object.values(areasApi),
  ...Object.values(assignmentsApi),
  ...Object.values(auditApi),
  ...Object.values(authApi),
  ...Object.values(debriefsApi),
  ...Object.values(devicesApi),
  ...Object.values(editorApi),
  ...Object.values(exportsApi),
  ...Object.values(followUpsApi),
  ...Object.values(importApi),
  ...Object.values(invitationsApi),
  ...Object.values(lostDevicesApi),
  ...Object.values(meApi),
  ...Object.values(outcomesApi),
  ...Object.values(participationPlansApi),
  ...Object.values(progressApi),
  ...Object.values(releasesApi),
  ...Object.values(retentionApi),
  ...Object.values(reviewApi),
  ...Object.values(rewardsApi),
  ...Object.values(safeguardingApi),
  ...Object.values(safeguardingQueueApi),
  ...Object.values(settingsApi),
  ...Object.values(statsApi),
  ...Object.values(supportServicesApi),
  ...Object.values(surveysApi),
  ...Object.values(syncApi),
  ...Object.values(trainingApi),
  ...Object.values(translationsApi),
  ...Object.values(uploadKeyApi),
  ...Object.values(usersApi),
  ...Object.values(withdrawalsApi),
  ...Object.values(xlsformApi),
];
