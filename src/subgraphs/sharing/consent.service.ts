import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { DomainError, NotFoundError, ValidationError } from '../../shared/errors/domain.error';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import { ConsentEntity } from './consent.entity';
import type { RecordConsentInput, WithdrawConsentInput } from './consent.input';
import { toConsent } from './consent.mapper';
import type { Consent } from './consent.type';

const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_BACKDATE_MS = 2 * 365 * 86_400_000;
const MAX_DURATION_MS = 3 * 365 * 86_400_000;

/** Recording, withdrawing and reading consent. Withdrawal counts from the very next request. */
export class ConsentService {
  async record(ctx: RequestContext, input: RecordConsentInput): Promise<Consent[]> {
    this.validate(ctx, input);
    const audit = { resource: 'mutation:recordConsent', operation: 'CONSENT_RECORD' as const, scopes: input.scopes };
    await authoriseForChild(ctx, input.childId, 'create', 'Consent', audit);
    return ctx.tx.atomically(async (db) => {
      if (input.recipientAgencyId) await this.assertAgencyInConsortium(ctx, db, input.recipientAgencyId);
      const { principal } = ctx;
      const rows = input.scopes.map((scope) =>
        db.getRepository(ConsentEntity).create({
          id: randomUUID(),
          childId: input.childId,
          scope,
          recipientAgencyId: input.recipientAgencyId ?? null,
          recipientAgencyType: input.recipientAgencyType ?? null,
          givenBy: input.givenBy,
          givenAt: input.givenAt,
          expiresAt: input.expiresAt ?? null,
          explanation: input.explanation.trim(),
          evidenceReference: input.evidenceReference?.trim() || null,
          recordedByUserId: principal.kind === 'user' ? principal.id : null,
          recordedByClientId: principal.kind === 'client' ? principal.id : null,
          recordedByAgencyId: principal.agency.id,
          recordedAt: new Date(ctx.access.clock.now),
        }),
      );
      await db.getRepository(ConsentEntity).insert(rows);
      ctx.access.invalidate(input.childId);
      ctx.audit.record({
        operation: 'CONSENT_RECORD', outcome: 'ALLOWED', reason: null, childIds: [input.childId], scopes: input.scopes,
        resource: audit.resource, justification: { consentIds: rows.map((r) => r.id) },
      });
      return rows.map((r) => toConsent(r, ctx.access.clock.now));
    });
  }

  async withdraw(ctx: RequestContext, input: WithdrawConsentInput): Promise<Consent> {
    const db = await ctx.tx.manager();
    const existing = await db.getRepository(ConsentEntity).findOneBy({ id: input.consentId });
    const resource = 'mutation:withdrawConsent';
    if (!existing) {
      ctx.audit.denied([], 'NOT_FOUND', resource, [], 'CONSENT_WITHDRAW');
      throw new NotFoundError('Consent');
    }
    const audit = { resource, operation: 'CONSENT_WITHDRAW' as const, scopes: [existing.scope] };
    // Recording a withdrawal must never be harder than recording the consent was.
    await authoriseForChild(ctx, existing.childId, ['create', 'update'], 'Consent', audit);
    if (existing.withdrawnAt) throw new DomainError('CONFLICT', 'This consent was already withdrawn');
    return ctx.tx.atomically(async (tx) => {
      const { principal } = ctx;
      const changes = {
        withdrawnAt: new Date(ctx.access.clock.now),
        withdrawnByUserId: principal.kind === 'user' ? principal.id : null,
        withdrawnByClientId: principal.kind === 'client' ? principal.id : null,
        withdrawalReason: input.reason.trim(),
      };
      const result = await tx.getRepository(ConsentEntity).update({ id: existing.id, withdrawnAt: IsNull() }, changes);
      if (result.affected !== 1) throw new DomainError('CONFLICT', 'This consent was withdrawn by someone else just now');
      // The child withdraws consent for this scope to this recipient, not one record of it.
      await tx.getRepository(ConsentEntity).update(
        {
          childId: existing.childId,
          scope: existing.scope,
          recipientAgencyId: existing.recipientAgencyId ?? IsNull(),
          recipientAgencyType: existing.recipientAgencyType ?? IsNull(),
          withdrawnAt: IsNull(),
        },
        changes,
      );
      ctx.access.invalidate(existing.childId);
      ctx.audit.record({
        operation: 'CONSENT_WITHDRAW', outcome: 'ALLOWED', reason: null, childIds: [existing.childId], scopes: [existing.scope],
        resource, justification: { consentIds: [existing.id] },
      });
      return toConsent({ ...existing, ...changes }, ctx.access.clock.now);
    });
  }

  async history(ctx: RequestContext, childId: string): Promise<Consent[]> {
    const resource = 'query:consentHistory';
    await authoriseForChild(ctx, childId, 'read', 'Consent', { resource, operation: 'CONSULT' });
    const db = await ctx.tx.manager();
    const rows = await db.getRepository(ConsentEntity).find({ where: { childId }, order: { givenAt: 'DESC', id: 'ASC' } });
    ctx.audit.record({ operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [childId], scopes: [], resource });
    return rows.map((r) => toConsent(r, ctx.access.clock.now));
  }

  private validate(ctx: RequestContext, input: RecordConsentInput): void {
    if (!!input.recipientAgencyId === !!input.recipientAgencyType) {
      throw new ValidationError('recipientAgencyId', 'give exactly one of recipientAgencyId and recipientAgencyType');
    }
    const now = Date.parse(ctx.access.clock.now);
    const given = input.givenAt.getTime();
    if (given > now + CLOCK_SKEW_MS) throw new ValidationError('givenAt', 'cannot be in the future');
    if (given < now - MAX_BACKDATE_MS) throw new ValidationError('givenAt', 'is more than two years ago');
    if (input.expiresAt) {
      const expires = input.expiresAt.getTime();
      if (expires <= given) throw new ValidationError('expiresAt', 'must be after givenAt');
      if (expires > given + MAX_DURATION_MS) throw new ValidationError('expiresAt', 'must be within three years of givenAt');
      if (expires <= now) throw new ValidationError('expiresAt', 'is already past');
    }
  }

  private async assertAgencyInConsortium(ctx: RequestContext, db: EntityManager, agencyId: string): Promise<void> {
    const [found] = await db.query('SELECT 1 FROM agency WHERE id = $1 AND consortium_id = $2 AND active', [
      agencyId,
      ctx.principal.consortium.id,
    ]);
    if (!found) throw new ValidationError('recipientAgencyId', 'is not an agency of your consortium');
  }
}
