import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { parseUuid } from '../../../shared/graphql/uuid';
import type { AgencyType } from '../../sharing/agency.enums';

/** Cross-field and reference checks shared by the case writes; each names the field it refuses. */

/** Trimmed text that is not blank (class-validator has already bounded its length). */
export function requireText(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new ValidationError(field, 'must not be blank');
  return trimmed;
}

export function optionalText(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

export function notInFuture(ctx: RequestContext, field: string, date: string): void {
  if (date > ctx.access.clock.today) throw new ValidationError(field, 'cannot be in the future');
}

export function notBefore(field: string, date: string, bound: string | null | undefined, what: string): void {
  if (bound && date < bound) throw new ValidationError(field, `must be on or after ${what} (${bound})`);
}

/** An active agency of the caller's consortium, optionally of one of `types`. */
export async function assertAgency(
  ctx: RequestContext,
  db: EntityManager,
  field: string,
  agencyId: string,
  types?: AgencyType[],
): Promise<void> {
  const [agency]: { type: AgencyType }[] = await db.query(
    'SELECT type FROM agency WHERE id = $1 AND consortium_id = $2 AND active',
    [agencyId, ctx.principal.consortium.id],
  );
  if (!agency) throw new ValidationError(field, 'is not an active agency of your consortium');
  if (types && !types.includes(agency.type)) throw new ValidationError(field, `must be an agency of type ${types.join(' or ')}`);
}

/** An optional id argument, normalised like parseUuid; absent stays undefined. */
export function optionalUuid(field: string, value: string | null | undefined): string | undefined {
  return value ? parseUuid(field, value) : undefined;
}
