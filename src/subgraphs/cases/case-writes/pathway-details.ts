import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import type { Pathway } from '../case.enums';
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

/** Validates the details of an update and returns them as stored: `{ key: 'YYYY-MM-DD' }`. */
export function pathwayDetails(ctx: RequestContext, pathway: Pathway, details: PathwayDetailInput[]): Record<string, string> {
  const known = detailKeysFor(pathway);
  const stored: Record<string, string> = {};
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
