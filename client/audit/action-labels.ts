/**
 * Plain words for the actions the server records. An action not listed here (a feature added later)
 * is shown by its code, so the page never hides an entry for want of a label.
 */
const labels: Record<string, string> = {
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in",
  "auth.lockout": "Sign-in paused after failures",
  "auth.logout": "Signed out",
  "auth.logout_all": "Signed out everywhere",
  "auth.setup": "First administrator set up",
  "user.create": "Account created",
  "user.disable": "Account disabled",
  "user.enable": "Account enabled",
  "user.role_change": "Role changed",
  "user.invite": "Account invited",
  "user.invite_renew": "Invitation renewed",
  "user.reset_link": "Password reset link made",
  "auth.password_change": "Password changed",
  "auth.password_change_failed": "Wrong current password when changing it",
  "auth.password_reset": "Password reset with a link",
  "area.create": "Area added",
  "area.update": "Area changed",
  "area.targets": "Area targets changed",
  "survey.create": "Survey created",
  "survey.publish": "Survey version published",
  "survey.unlock": "Locked wording unlocked",
  "survey.language_offered": "Language offered to participants",
  "survey.language_not_offered": "Language marked not offered",
  "survey.language_signoff": "Translation signed off",
  "user.languages": "Languages a person reads changed",
  "sync.batch": "Interviews uploaded",
  "settings.suppression": "Small-number setting changed",
  "review.decision": "Review decision",
  "review.comment": "Review comment",
  "review.read": "Interview's answers read in review",
  "participant.withdraw": "Participant withdrawn",
  "retention.settings": "Retention setting changed",
  "retention.delete": "Old responses deleted",
  "export.download": "Data exported",
  "device.enrolment_code": "Device enrolment code made",
  "device.enrol": "Device enrolled",
  "device.revoke": "Device revoked",
  "device.upload_key": "Tablet upload key issued",
  "assignment.set": "Assignment set",
  "assignment.status": "Assignment status changed",
  "safeguarding.acknowledge": "Safeguarding concern acknowledged",
  "safeguarding.action": "Safeguarding action recorded",
  "safeguarding.close": "Safeguarding concern closed",
  "plan.update": "Fieldwork plan changed",
  "device.interviews": "Tablet's interviews listed",
  "area.upload_rule": "Tablet upload rule changed",
  "reward.record": "Reward recorded",
  "reward.statement": "Reward statement made",
  "training.record": "Training recorded",
  "safeguarding.raise": "Safeguarding concern raised",
  "followups.schedule": "Follow-up schedule changed",
  "release.compose": "Release started",
  "release.update": "Release changed",
  "release.check": "Release checked",
  "release.signoff": "Release signed off",
  "release.annotate": "Note added to a release",
  "release.summary": "Participant summary edited",
  "release.publish": "Release published",
  "release.read": "Release read",
  "release.list": "Releases listed",
  "release.public_read": "Release read through its public link",
  "outcome.read": "Live outcome figures read",
  "outcome.map_read": "Live theory of change map read",
  "device.lost": "Tablet reported lost",
  "device.found": "Lost tablet marked found",
  "device.lost_refused": "Lost tablet refused",
  "device.wiped": "Lost tablet said it deleted everything",
  "device.lost_report": "What was on a lost tablet listed",
};

/** Plain words for each kind of action, for searching a whole kind at once. */
const familyLabels: Record<string, string> = {
  auth: "signing in and passwords",
  user: "accounts",
  area: "areas",
  survey: "surveys",
  sync: "uploads",
  settings: "settings",
  review: "reviews",
  participant: "participants",
  retention: "keeping and deleting data",
  export: "exports",
  device: "tablets",
  assignment: "assignments",
  safeguarding: "safeguarding",
  plan: "fieldwork plans",
  reward: "rewards",
  training: "training",
  followups: "follow-ups",
  release: "releases",
  outcome: "live outcome figures",
};

/** "Any action about accounts", or the family's code for a kind added later without words yet. */
export function familyLabel(family: string): string {
  const words = familyLabels[family];
  return words ? `Any action about ${words}` : `Any ${family} action`;
}

export function actionLabel(action: string): string {
  return labels[action] ?? action;
}

/** The families ("auth", "user", …) that occur, for searching a whole kind of action at once. */
export function actionFamilies(actions: readonly string[]): string[] {
  return [...new Set(actions.map((action) => action.split(".")[0] ?? action))].sort();
}
