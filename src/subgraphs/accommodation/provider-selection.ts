import type { EntityManager } from 'typeorm';
import type { AuditJustification } from '../../shared/audit/audit-entry';
import type { AgencySummary } from '../../shared/auth/principal';
import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import { FAR_FUTURE, type ChildAccessFacts } from '../../shared/policy/child-access-fields';
import { DataScope } from '../../shared/policy/data-scope';
import { AgencyType } from '../sharing/agency.enums';

interface AgencyRow {
  id: string;
  consortium_id: string;
  code: string;
  name: string;
  type: AgencyType;
  local_authority_code: string | null;
}

/**
 * Checks the providers a referral is to go to, and returns for each the justification of the
 * disclosure: an active housing provider of the caller's consortium that, once referred, would
 * see the child's accommodation data under an agreement in force. Nothing is sent to anyone else.
 */
export async function checkProviders(
  ctx: RequestContext,
  db: EntityManager,
  facts: ChildAccessFacts,
  providerAgencyIds: readonly string[],
  field = 'providerAgencyIds',
): Promise<Map<string, AuditJustification>> {
  const rows: AgencyRow[] = await db.query(
    `SELECT id, consortium_id, code, name, type, local_authority_code FROM agency
      WHERE id = ANY($1::uuid[]) AND active AND consortium_id = $2`,
    [providerAgencyIds, ctx.principal.consortium.id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of providerAgencyIds) {
    if (byId.get(id)?.type !== AgencyType.HOUSING_PROVIDER) throw new ValidationError(field, `${id} is not a housing provider of your consortium`);
  }
  const agencies: AgencySummary[] = rows.map((r) => ({
    id: r.id, consortiumId: r.consortium_id, code: r.code, name: r.name, type: r.type, establishmentType: null,
    localAuthorityCode: r.local_authority_code,
  }));
  // What each provider would see once the referral reaches it.
  const referred: ChildAccessFacts = {
    ...facts,
    housingReferrals: [...facts.housingReferrals, ...providerAgencyIds.map((agencyId) => ({ agencyId, accessUntil: FAR_FUTURE }))],
  };
  const justifications = new Map<string, AuditJustification>();
  for (const { agency, decision } of ctx.access.explainFor(agencies, referred)) {
    const scope = decision.scopes.get(DataScope.ACCOMMODATION);
    if (!decision.visible || !scope?.allowed) {
      throw new ValidationError(field, `${agency.code} has no information-sharing agreement in force for accommodation referrals`);
    }
    justifications.set(agency.id, {
      agreementId: scope.justification.agreementId,
      agreementVersion: scope.justification.agreementVersion,
      relationship: scope.justification.relationship,
    });
  }
  return justifications;
}
