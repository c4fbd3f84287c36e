import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { Pathway } from '../case.enums';
import { defaultDeadlineRules } from '../deadlines/deadline-rules.loader';
import { notInFuture } from './case-write.checks';
import type { PathwayDetailInput } from './pathway-write.input';

/**
 * The dated facts a pathway update may carry are the ones the deadline rules (policies/deadlines.yaml)
 * look for, e.g. ACCOMMODATION `addressSharedWithChildOn`: the rules file is the one list of them,
 * and nothing else (no free text) reaches `details`. All rules count, even one a consortium has
 * switched off, because the fact is still true.
 */
export function detailKeysFor(pathway: Pathway): Set<string> {
  const keys = new Set<string>();
  for (const rule of defaultDeadlineRules()) {
    if ('pathwayDetail' in rule.metBy && rule.metBy.pathwayDetail.pathway === pathway) keys.add(rule.metBy.pathwayDetail.key);
  }
  return keys;
}

/**
 * Yes/no arrangements for the day of release that an update may state on its own pathway; the
 * latest update on or before release that states one is what the outcomes report counts.
 */
export const RELEASE_ARRANGEMENTS = { dayOneArranged: Pathway.ETE, gpRegistered: Pathway.HEALTH } as const;
export type ReleaseArrangement = keyof typeof RELEASE_ARRANGEMENTS;

/**
 * Validates the details of an update and returns them as stored: `{ key: 'YYYY-MM-DD' }` for dated
 * facts, `{ dayOneArranged: true }` for a release arrangement.
 */
export function pathwayDetails(
  ctx: RequestContext,
  pathway: Pathway,
  details: PathwayDetailInput[],
  arrangements: Partial<Record<ReleaseArrangement, boolean | null>> = {},
): Record<string, string | boolean> {
  const known = detailKeysFor(pathway);
  const stored: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(arrangements) as [ReleaseArrangement, boolean | null | undefined][]) {
    if (value === null || value === undefined) continue;
    if (RELEASE_ARRANGEMENTS[key] !== pathway) throw new ValidationError(key, `is recorded on the ${RELEASE_ARRANGEMENTS[key]} pathway only`);
    stored[key] = value;
  }
  details.forEach(({ key, on }, i) => {
    if (!known.has(key)) {
      const allowed = [...known].sort().join(', ') || 'none';
      throw new ValidationError(`details[${i}].key`, `is not a dated fact of the ${pathway} pathway (known: ${allowed})`);
    }
    if (key in stored) throw new ValidationError(`details[${i}].key`, 'is given twice');
    notInFuture(ctx, `details[${i}].on`, on);
    stored[key] = on;
  });
  return stored;
}
