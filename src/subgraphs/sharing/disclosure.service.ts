import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import { checkPageSize, decodeCursor, encodeCursor } from '../../shared/graphql/cursor';
import { readAuditPage } from './disclosure-log.reader';
import type { DisclosureFilter } from './disclosure.input';
import { toAuditLogEntry } from './disclosure.mapper';
import { assertMayReadAuditLog, authoriseAuditReadForChild, recordAuditRead } from './disclosure-oversight';
import type { AuditLogConnection } from './disclosure.type';

const MAX_RANGE_MS = 400 * 86_400_000;
const MAX_PAGE_SIZE = 200;
const SEQ = /^[1-9][0-9]{0,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;

/** The data protection officer's view of the disclosure log: by child, by agency, by user. */
export class DisclosureService {
  async list(ctx: RequestContext, filter: DisclosureFilter, first: number, after?: string): Promise<AuditLogConnection> {
    const resource = this.resourceOf(filter);
    const childIds = filter.childId ? [filter.childId] : [];
    assertMayReadAuditLog(ctx, resource, childIds);
    this.validate(filter);
    checkPageSize(first, MAX_PAGE_SIZE);
    const beforeSeq = after ? this.seqFrom(after) : undefined;
    if (filter.childId) await authoriseAuditReadForChild(ctx, filter.childId, resource);

    const rows = await readAuditPage(await ctx.tx.manager(), {
      consortiumId: ctx.principal.consortium.id,
      childId: filter.childId,
      agencyId: filter.agencyId,
      userId: filter.userId,
      from: filter.from,
      to: filter.to,
      operations: filter.operations,
      outcome: filter.outcome,
      beforeSeq,
      limit: first + 1,
    });
    recordAuditRead(ctx, resource, childIds);
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor([row.seq]), node: toAuditLogEntry(row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private validate(filter: DisclosureFilter): void {
    if (!filter.childId && !filter.agencyId && !filter.userId) {
      throw new ValidationError('filter', 'give at least one of childId, agencyId and userId');
    }
    const span = filter.to.getTime() - filter.from.getTime();
    if (span < 0) throw new ValidationError('to', 'must not be before from');
    if (span > MAX_RANGE_MS) throw new ValidationError('to', 'must be at most 400 days after from');
    if (filter.operations?.length === 0) throw new ValidationError('operations', 'leave it out rather than empty');
  }

  private seqFrom(after: string): string {
    const [seq] = decodeCursor(after, ['string']) as [string];
    if (!SEQ.test(seq) || BigInt(seq) > MAX_BIGINT) throw new ValidationError('after', 'is not a cursor this list gave out');
    return seq;
  }

  /** Which agency or user the officer looked up is part of what their own read records. */
  private resourceOf(filter: DisclosureFilter): string {
    return ['query:disclosures', filter.agencyId && `agency:${filter.agencyId}`, filter.userId && `user:${filter.userId}`]
      .filter(Boolean)
      .join(';');
  }
}
