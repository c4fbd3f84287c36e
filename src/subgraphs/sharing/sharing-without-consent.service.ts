import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { raiseAlert } from './alert.writer';
import type { DataScope } from '../../shared/policy/data-scope';
import type { AgencyType } from './agency.enums';
import { SharingWithoutConsentEntity } from './sharing-without-consent.entity';
import type { ShareWithoutConsentInput } from './sharing-without-consent.input';
import type { SharingWithoutConsent } from './sharing-without-consent.type';

const DPO_ROLE = 'DATA_PROTECTION_OFFICER';

/** Records sharing without consent where the agreement allows it, and alerts the data protection officer. */
export class SharingWithoutConsentService {
  async share(ctx: RequestContext, input: ShareWithoutConsentInput): Promise<SharingWithoutConsent[]> {
    const resource = 'mutation:shareWithoutConsent';
    const { settings } = ctx.principal.consortium;
    if (input.durationHours > settings.withoutConsentMaxHours) {
      throw new ValidationError('durationHours', `must be at most ${settings.withoutConsentMaxHours} hours`);
    }
    if (ctx.principal.kind !== 'user') throw new ForbiddenError('Only a named professional may share without consent');
    await authoriseForChild(ctx, input.childId, 'create', 'SharingWithoutConsent', { resource, operation: 'SHARE_WITHOUT_CONSENT', scopes: input.scopes });
    return ctx.tx.atomically(async (db) => {
      const recipient = await this.recipient(ctx, db, input.recipientAgencyId);
      const notAllowed = input.scopes.filter((scope) => !ctx.access.withoutConsentAllowed(recipient, scope));
      if (notAllowed.length) {
        throw new ForbiddenError(`No agreement lets ${notAllowed.join(', ')} reach this recipient without consent`, 'NO_AGREEMENT');
      }
      const startsAt = new Date(ctx.access.clock.now);
      const expiresAt = new Date(startsAt.getTime() + input.durationHours * 3_600_000);
      const rows = input.scopes.map((scope) =>
        db.getRepository(SharingWithoutConsentEntity).create({
          id: randomUUID(), childId: input.childId, scope, recipientAgencyId: recipient.id, reason: input.reason.trim(),
          legalBasis: input.legalBasis.trim(), authorisedByUserId: ctx.principal.id, authorisedByAgencyId: ctx.principal.agency.id,
          startsAt, expiresAt, revokedAt: null,
        }),
      );
      await db.getRepository(SharingWithoutConsentEntity).insert(rows);
      await raiseAlert(db, ctx, {
        kind: 'SHARING_WITHOUT_CONSENT', childId: input.childId, role: DPO_ROLE, subjectType: 'sharing_without_consent',
        subjectId: rows[0].id, dedupeKey: `sharing-without-consent:${rows[0].id}`,
      });
      ctx.access.invalidate(input.childId);
      ctx.audit.record({
        operation: 'SHARE_WITHOUT_CONSENT', outcome: 'ALLOWED', reason: null, childIds: [input.childId], scopes: input.scopes,
        resource, justification: { grantIds: rows.map((r) => r.id) },
      });
      return rows.map((r) => ({
        id: r.id, child: { id: r.childId }, scope: r.scope as DataScope, recipientAgencyId: r.recipientAgencyId,
        reason: r.reason, legalBasis: r.legalBasis, authorisedByAgencyId: r.authorisedByAgencyId, startsAt, expiresAt,
      }));
    });
  }

  private async recipient(ctx: RequestContext, db: EntityManager, agencyId: string): Promise<{ id: string; code: string; type: AgencyType }> {
    const [found] = await db.query('SELECT id, code, type FROM agency WHERE id = $1 AND consortium_id = $2 AND active', [
      agencyId,
      ctx.principal.consortium.id,
    ]);
    if (!found) throw new ValidationError('recipientAgencyId', 'is not an agency of your consortium');
    return found;
  }
}
