import { z } from 'zod';

/** Per-consortium rules that practice varies on; stored in consortium.settings, defaults below. */
const settingsSchema = z
  .object({
    /** How long an establishment keeps read access after a child moves on or is released. */
    formerEstablishmentAccessDays: z.number().int().min(0).max(365).default(30),
    /** How long the consortium team keeps access after release. */
    consortiumTeamAccessAfterReleaseDays: z.number().int().min(0).max(730).default(90),
    /** Upper bound on a sharing-without-consent grant. */
    withoutConsentMaxHours: z.number().int().min(1).max(24 * 14).default(72),
    /** Upper bound on a team-cover grant. */
    teamCoverMaxDays: z.number().int().min(1).max(180).default(28),
    /** Working days an agency has to answer a request for data from another agency of the case. */
    dataRequestResponseWorkingDays: z.number().int().min(1).max(60).default(5),
  })
  .passthrough();

export type ConsortiumSettings = z.infer<typeof settingsSchema>;

export function parseConsortiumSettings(raw: unknown): ConsortiumSettings {
  const parsed = settingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new Error(`consortium settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
