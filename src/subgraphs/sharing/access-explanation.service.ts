import type { RequestContext } from '../../shared/auth/request-context';
import type { AgencySummary } from '../../shared/auth/principal';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import type { ChildAccessDecision } from '../../shared/policy/child-access-decision';
import { AccessReason } from '../../shared/policy/policy-graphql-enums';
import type { AgencyType, EstablishmentType } from './agency.enums';
import { SharingBasis, type AccessExplanation, type ScopeExplanation } from './access-explanation.type';

/** For case managers and the data protection officer: per agency and scope, shared or not, and why. */
export class AccessExplanationService {
  async explain(ctx: RequestContext, childId: string): Promise<AccessExplanation> {
    const resource = 'query:explainAccess';
    const facts = await authoriseForChild(ctx, childId, 'read', 'AccessExplanation', { resource, operation: 'CONSULT' });
    const db = await ctx.tx.manager();
    const agencies: AgencyRow[] = await db.query(
      `SELECT id, consortium_id, code, name, type, establishment_type, local_authority_code FROM agency
        WHERE consortium_id = $1 AND active ORDER BY name`,
      [ctx.principal.consortium.id],
    );
    const explained = ctx.access
      .explainFor(agencies.map(toSummary), facts)
      .filter(({ decision }) => decision.visible)
        .map(({ agency, decision }) => ({ agencyId: agency.id, relationship: decision.relationship!, scopes: scopesOf(decision) }));
    ctx.audit.record({ operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [childId], scopes: [], resource });
    return { childId, generatedAt: new Date(ctx.access.clock.now), agencies: explained };
  }
}

function scopesOf(decision: ChildAccessDecision): ScopeExplanation[] {
  return [...decision.scopes.values()].map((d) =>
    d.allowed
      ? {
          scope: d.scope,
          shared: true,
          reason: null,
          basis: d.justification.basis as SharingBasis,
          agreementId: d.justification.agreementId ?? null,
          agreementVersion: d.justification.agreementVersion ?? null,
          consentId: d.consentId ?? null,
          grantId: d.grantId ?? null,
        }
      : { scope: d.scope, shared: false, reason: d.reason as AccessReason, basis: null, agreementId: null, agreementVersion: null, consentId: null, grantId: null },
  );
}

interface AgencyRow {
  id: string;
  consortium_id: string;
  code: string;
  name: string;
  type: AgencyType;
  establishment_type: EstablishmentType | null;
  local_authority_code: string | null;
}

function toSummary(row: AgencyRow): AgencySummary {
  return {
    id: row.id,
    consortiumId: row.consortium_id,
    code: row.code,
    name: row.name,
    type: row.type,
    establishmentType: row.establishment_type,
    localAuthorityCode: row.local_authority_code,
  };
}
