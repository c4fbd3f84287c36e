import type { RequestContext } from '../../shared/auth/request-context';
import type { AuditJustification } from '../../shared/audit/audit-entry';
import { ConsentEntity } from './consent.entity';
import { toConsent } from './consent.mapper';
import { assertMayReadAuditLog, authoriseAuditReadForChild, recordAuditRead } from './disclosure-oversight';
import { disclosuresCsv } from './subject-access-csv';
import { readDeniedGroups, readDisclosureGroups, type DisclosureGroupRow } from './subject-access.queries';
import type { AgreementReference, SubjectAccessDisclosure, SubjectAccessReport } from './subject-access.type';

/**
 * Answers a subject access request from the disclosure log: which agencies saw which scopes of the
 * child's data, when, under which agreements and consents; refused attempts; the consent history.
 */
export class SubjectAccessService {
  async report(ctx: RequestContext, childId: string): Promise<SubjectAccessReport> {
    const resource = 'query:subjectAccessReport';
    assertMayReadAuditLog(ctx, resource, [childId]);
    await authoriseAuditReadForChild(ctx, childId, resource);
    const db = await ctx.tx.manager();
    const disclosures = (await readDisclosureGroups(db, childId)).map(toDisclosure);
    const denied = await readDeniedGroups(db, childId);
    const consents = await db
      .getRepository(ConsentEntity)
      .find({ where: { childId }, order: { givenAt: 'DESC', id: 'ASC' } });
    recordAuditRead(ctx, resource, [childId]);
    return {
      childId,
      generatedAt: new Date(ctx.access.clock.now),
      disclosures,
      deniedAttempts: denied.map((row) => ({
        agencyId: row.agency_id,
        agencyCode: row.agency_code,
        reason: row.reason,
        scopes: row.scopes,
        firstAt: row.first_at,
        lastAt: row.last_at,
        count: row.count,
      })),
      consentHistory: consents.map((row) => toConsent(row, ctx.access.clock.now)),
      csv: disclosuresCsv(disclosures),
    };
  }
}

function toDisclosure(row: DisclosureGroupRow): SubjectAccessDisclosure {
  return {
    agencyId: row.agency_id,
    agencyCode: row.agency_code,
    scope: row.scope,
    firstAt: row.first_at,
    lastAt: row.last_at,
    count: row.count,
    agreements: agreementsOf(row.justifications),
    consentIds: distinctSorted(row.justifications.flatMap((j) => j.consentIds ?? [])),
    grantIds: distinctSorted(row.justifications.flatMap((j) => j.grantIds ?? [])),
    purposes: row.purposes,
  };
}

function agreementsOf(justifications: AuditJustification[]): AgreementReference[] {
  const byKey = new Map<string, AgreementReference>();
  for (const { agreementId, agreementVersion } of justifications) {
    if (agreementId) byKey.set(`${agreementId}@${agreementVersion ?? ''}`, { id: agreementId, version: agreementVersion ?? null });
  }
  return [...byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || (a.version ?? 0) - (b.version ?? 0));
}

function distinctSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
