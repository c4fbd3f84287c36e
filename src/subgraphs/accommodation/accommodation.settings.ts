import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal';

/**
 * The consortium's accommodation rules, read from consortium.settings (unknown keys pass through
 * the shared settings parser) with these defaults.
 */
const schema = z.object({
  /** How long a provider whose part ended keeps seeing its own offer (never the child). */
  declinedProviderOfferRetentionDays: z.number().int().min(0).max(365).default(30),
  /** Whether an address must be visited and found suitable before it is confirmed. */
  addressVisitRequiredBeforeConfirmation: z.boolean().default(true),
});

export type AccommodationSettings = z.infer<typeof schema>;

export function accommodationSettings(principal: Principal): AccommodationSettings {
  const parsed = schema.safeParse(principal.consortium.settings ?? {});
  if (!parsed.success) {
    throw new Error(`accommodation settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const DAY_MS = 86_400_000;

/** Until when a provider whose part ends now keeps its own offer. */
export function offerRetentionEnd(principal: Principal, nowIso: string): Date {
  return new Date(Date.parse(nowIso) + accommodationSettings(principal).declinedProviderOfferRetentionDays * DAY_MS);
}
