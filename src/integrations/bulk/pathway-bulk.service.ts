import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { DomainError, ValidationError } from '../../shared/errors/domain.error';
import { parseUuid } from '../../shared/graphql/uuid';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { Pathway, PathwayStatus } from '../../subgraphs/cases/case.enums';
import type { PathwayWriteService } from '../../subgraphs/cases/case-writes/pathway-write.service';
import { claimIdempotencyKey, parseIdempotencyKey, storeIdempotentAnswer } from '../../subgraphs/accommodation/idempotency';
import type { PathwayUpdateUpsertItem, UpsertPathwayUpdatesInput } from './pathway-bulk.input';
import { UpsertOutcome, type UpsertItemResult, type UpsertPathwayUpdatesResult } from './pathway-bulk.type';

const OPERATION = 'upsertPathwayUpdates';
const EXTERNAL_REFERENCE = /^[A-Za-z0-9._:/-]{1,128}$/;

interface Existing {
  entity_id: string;
  child_id: string;
  pathway: string;
  status: string;
  summary: string;
}

/**
 * Pathway updates pushed by a partner system under its own references, keyed by (agency,
 * reference). Pathway updates are append-only, so new content under a known reference appends a
 * new update and moves the reference to it. Each item runs in its own savepoint: a failed item
 * writes nothing and the others go on. The whole answer is stored under the idempotency key.
 */
export class PathwayBulkService {
  constructor(private readonly pathways: PathwayWriteService) {}

  async upsert(ctx: RequestContext, input: UpsertPathwayUpdatesInput): Promise<UpsertPathwayUpdatesResult> {
    const key = parseIdempotencyKey(input.idempotencyKey);
    if (!key) throw new ValidationError('idempotencyKey', 'is required');
    if (ctx.principal.kind !== 'client') throw new ForbiddenError('Bulk upserts are for partner systems');
    const db = await ctx.tx.manager();
    const claim = await claimIdempotencyKey(db, ctx.principal, key, OPERATION, input.items);
    if (claim.kind === 'replay') return { replayed: true, items: JSON.parse(claim.answer.items) as UpsertItemResult[] };

    const seen = new Set<string>();
    const items: UpsertItemResult[] = [];
    for (const [index, item] of input.items.entries()) {
      const reference = String(item.externalReference);
      try {
        if (seen.has(reference)) throw new ValidationError('externalReference', 'appears more than once in this batch');
        seen.add(reference);
        const { outcome, id } = await ctx.tx.atomically((tx) => this.upsertOne(ctx, tx, item));
        items.push({ index, externalReference: reference, outcome, id, error: null });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const field = typeof error.extensions.field === 'string' ? error.extensions.field : null;
        items.push({ index, externalReference: reference, outcome: UpsertOutcome.FAILED, id: null, error: { code: error.code, message: error.message, field } });
      }
    }
    await storeIdempotentAnswer(db, claim.id, { items: JSON.stringify(items) });
    return { replayed: false, items };
  }

  private async upsertOne(ctx: RequestContext, tx: EntityManager, item: PathwayUpdateUpsertItem): Promise<{ outcome: UpsertOutcome; id: string }> {
    if (!EXTERNAL_REFERENCE.test(item.externalReference)) throw new ValidationError('externalReference', 'must be 1-128 of A-Z a-z 0-9 . _ : / -');
    const childId = parseUuid('childId', item.childId);
    if (!Object.values(Pathway).includes(item.pathway)) throw new ValidationError('pathway', 'is not a pathway');
    if (!Object.values(PathwayStatus).includes(item.status)) throw new ValidationError('status', 'is not a pathway status');
    if (typeof item.summary !== 'string' || item.summary.length < 1 || item.summary.length > 4000) {
      throw new ValidationError('summary', 'must be 1-4000 characters');
    }
    // The reference row is locked, so two batches naming it take turns.
    const [existing]: Existing[] = await tx.query(
      `SELECT r.entity_id, u.child_id, u.pathway, u.status, u.summary
         FROM partner_reference r JOIN pathway_update u ON u.id = r.entity_id
        WHERE r.agency_id = $1 AND r.entity_type = 'PATHWAY_UPDATE' AND r.external_ref = $2
          FOR UPDATE OF r`,
      [ctx.principal.agency.id, item.externalReference],
    );
    if (existing && (existing.child_id !== childId || existing.pathway !== item.pathway)) {
      throw new DomainError('CONFLICT', 'This reference already names an update for another child or pathway', { field: 'externalReference' });
    }
    if (existing && existing.status === item.status && existing.summary === item.summary) {
      return { outcome: UpsertOutcome.UNCHANGED, id: existing.entity_id };
    }
    const record = await this.pathways.record(ctx, { childId, pathway: item.pathway, status: item.status, summary: item.summary });
    await tx.query(
      `INSERT INTO partner_reference (agency_id, entity_type, external_ref, entity_id) VALUES ($1, 'PATHWAY_UPDATE', $2, $3)
       ON CONFLICT (agency_id, entity_type, external_ref) DO UPDATE SET entity_id = EXCLUDED.entity_id`,
      [ctx.principal.agency.id, item.externalReference, record.id],
    );
    return { outcome: existing ? UpsertOutcome.UPDATED : UpsertOutcome.CREATED, id: record.id };
  }
}
