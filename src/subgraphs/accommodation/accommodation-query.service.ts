import { In, IsNull, type EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import { NotFoundError } from '../../shared/errors/domain.error';
import { checkPageSize, encodeCursor } from '../../shared/graphql/cursor';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import type { ChildAccessDecision } from '../../shared/policy/child-access-decision';
import { DataScope } from '../../shared/policy/data-scope';
import { ForbiddenError, ScopeForbiddenError } from '../../shared/policy/policy.errors';
import { AgencyType } from '../sharing/agency.enums';
import { AccommodationOfferEntity } from './accommodation-offer.entity';
import type { AccommodationOffer } from './accommodation-offer.type';
import type { ReleaseAddress } from './accommodation-progress.type';
import type { AccommodationRecipientView } from './accommodation-recipient.type';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import { AccommodationRequestEntity } from './accommodation-request.entity';
import type { AccommodationRequestView, RequestViewer } from './accommodation-request.type';
import type { AccommodationRequestStatus } from './accommodation.enums';
import { toOffer, toRecipientView, toReleaseAddress, toRequestView, type ReferralChild } from './accommodation.mapper';
import { ReleaseAddressEntity } from './release-address.entity';
import { keysetPage } from '../../shared/db/keyset-page.query';
import { hydrateEntity } from '../../shared/db/hydrate-entity';
import { accommodationLoaders } from './accommodation.loaders';

export interface AccommodationRequestPage {
  edges: { cursor: string; node: AccommodationRequestView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const NO_RELEASE_DATE = '9999-12-31';
const MAX_PAGE = 100;

/** A housing provider sees only the requests addressed to it, while its part lasts. */
export function viewerOf(ctx: RequestContext): RequestViewer {
  return { providerAgencyId: ctx.principal.agency.type === AgencyType.HOUSING_PROVIDER ? ctx.principal.agency.id : null };
}

/** What a listed request's referral needs, selected with its page: the request and only the child facts a referral carries. */
const LISTED_REQUEST_JSON = `json_build_object('request', (SELECT row_to_json(q) FROM accommodation_request q WHERE q.id = m.id),
  'child', json_build_object('id', c.id, 'dateOfBirth', to_char(c.date_of_birth, 'YYYY-MM-DD'), 'sex', c.sex))`;

interface ListedRequestJson {
  request: Record<string, unknown>;
  child: { id: string; dateOfBirth: string; sex: ReferralChild['sex'] };
}

/**
 * Reads of accommodation requests. Which requests exist for the caller is decided in SQL by the
 * policy layer (the child's relationship) plus, for a provider, a live part in the request.
 */
export class AccommodationQueryService {
  async get(ctx: RequestContext, id: string, resource = 'query:accommodationRequest'): Promise<AccommodationRequestView> {
    const db = await ctx.tx.manager();
    const row = await db.getRepository(AccommodationRequestEntity).findOneBy({ id });
    if (!row) {
      ctx.audit.denied([], 'NOT_FOUND', resource);
      throw new NotFoundError('Accommodation request');
    }
    try {
      await authoriseForChild(ctx, row.childId, 'read', 'AccommodationRequest', { resource, operation: 'CONSULT' });
    } catch (error) {
      // The same answer as for a request that does not exist: its existence is not revealed.
      throw error instanceof NotFoundError ? new NotFoundError('Accommodation request') : error;
    }
    const viewer = viewerOf(ctx);
    if (viewer.providerAgencyId && !(await this.livePart(ctx, db, id, viewer.providerAgencyId))) {
      ctx.audit.denied([row.childId], 'NOT_FOUND', resource);
      throw new NotFoundError('Accommodation request');
    }
    return this.view(ctx, db, row, viewer, resource);
  }

  async list(ctx: RequestContext, status: AccommodationRequestStatus | undefined, first: number, after?: string): Promise<AccommodationRequestPage> {
    const resource = 'query:accommodationRequests';
    if (!ctx.access.canAtAll('read', 'AccommodationRequest')) {
      ctx.audit.denied([], 'NOT_PERMITTED', resource);
      throw new ForbiddenError('Your role does not read accommodation requests');
    }
    checkPageSize(first, MAX_PAGE);
    const db = await ctx.tx.manager();
    const viewer = viewerOf(ctx);
    // The request's subject and the child itself: a caller who reads no child data lists nothing.
    const acl = ctx.access.childCondition('read', ['AccommodationRequest', 'Child']);
    const params: Record<string, unknown> = { ...acl.params };
    const joins = viewer.providerAgencyId
      ? `JOIN accommodation_request_recipient r ON r.request_id = q.id AND r.provider_agency_id = CAST(:provider AS uuid)
                AND (r.access_ends_at IS NULL OR r.access_ends_at > CAST(:now AS timestamptz))`
      : '';
    if (viewer.providerAgencyId) Object.assign(params, { provider: viewer.providerAgencyId, now: ctx.access.clock.now });
    const clauses = [acl.sql];
    if (status) {
      clauses.push('q.status = :status');
      params.status = status;
    }
    const sortKey = `coalesce(q.release_date, DATE '${NO_RELEASE_DATE}')`;
    const { rows, total } = await keysetPage(
      ctx,
      db,
      {
        sql: `SELECT q.id, q.child_id, ${sortKey} AS sort_key
                FROM accommodation_request q JOIN child c ON c.id = q.child_id ${joins} WHERE ${clauses.join(' AND ')}`,
        params,
      },
      after,
      first + 1,
      LISTED_REQUEST_JSON,
    );
    const pageRows = rows.slice(0, first);
    const listed = pageRows.map((r) => r.companion as ListedRequestJson);
    const entities = listed.map((l) => hydrateEntity(db, AccommodationRequestEntity, l.request));
    const referralChildren = accommodationLoaders.referralChild(ctx);
    for (const { child } of listed) referralChildren.prime(child.id, { dateOfBirth: child.dateOfBirth, sex: child.sex });
    const byId = new Map(entities.map((e) => [e.id, e]));
    const decisions = await ctx.access.decide(db, [...new Set(entities.map((e) => e.childId))]);
    const edges = pageRows.map((r) => {
      const entity = byId.get(r.id)!;
      const decision = visibleDecision(decisions, entity.childId);
      ctx.audit.listed(decision, resource);
      return { cursor: encodeCursor([r.sortDate, r.id]), node: toRequestView(entity, decision, viewer) };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  /** A provider's own part, as a mutation answers it: its thread and offer stay guarded by the child's access. */
  async recipient(ctx: RequestContext, recipientId: string): Promise<AccommodationRecipientView> {
    const db = await ctx.tx.manager();
    const row = await db.getRepository(AccommodationRequestRecipientEntity).findOneByOrFail({ id: recipientId });
    const request = await db.getRepository(AccommodationRequestEntity).findOneByOrFail({ id: row.requestId });
    ctx.access.invalidate(request.childId);
    const decision = (await ctx.access.decide(db, [request.childId])).get(request.childId)!;
    if (decision.visible) ctx.audit.listed(decision, `accommodation_recipient:${row.id}`);
    return toRecipientView(row, request.childId, decision);
  }

  /**
   * The offers the caller's agency made, including those of requests it no longer sees, for the
   * retention period: the provider's own record, with nothing of the child.
   */
  async offersMade(ctx: RequestContext, first: number): Promise<AccommodationOffer[]> {
    const resource = 'query:accommodationOffersMade';
    if (!ctx.access.canAtAll('read', 'AccommodationOffer')) {
      ctx.audit.denied([], 'NOT_PERMITTED', resource);
      throw new ForbiddenError('Your role does not read accommodation offers');
    }
    checkPageSize(first, MAX_PAGE);
    const db = await ctx.tx.manager();
    const rows: { id: string; child_id: string }[] = await db.query(
      `SELECT o.id, q.child_id FROM accommodation_offer o JOIN accommodation_request q ON q.id = o.request_id
        WHERE o.provider_agency_id = $1 AND (o.provider_visible_until IS NULL OR o.provider_visible_until > $2)
        ORDER BY o.created_at DESC, o.id LIMIT $3`,
      [ctx.principal.agency.id, ctx.access.clock.now, first],
    );
    if (rows.length === 0) return [];
    const offers = await db.getRepository(AccommodationOfferEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(offers.map((o) => [o.id, o]));
    for (const childId of new Set(rows.map((r) => r.child_id))) {
      ctx.audit.record({
        operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [childId], scopes: [DataScope.ACCOMMODATION], resource,
        justification: {},
      });
    }
    return rows.map((r) => toOffer(byId.get(r.id)!));
  }

  /** The child's current release address: accommodation scope, audited like any scoped field. */
  async releaseAddress(ctx: RequestContext, childId: string): Promise<ReleaseAddress | null> {
    const resource = 'query:childReleaseAddress';
    const scopes = [DataScope.ACCOMMODATION];
    await authoriseForChild(ctx, childId, 'read', 'AccommodationRequest', { resource, operation: 'CONSULT', scopes });
    // A provider's part is the search, not the child's record: it sees no release address here.
    if (viewerOf(ctx).providerAgencyId) {
      ctx.audit.denied([childId], 'NOT_PERMITTED', resource, scopes);
      throw new ForbiddenError('The release address is shared with the requesting side only');
    }
    const db = await ctx.tx.manager();
    const decision = (await ctx.access.decide(db, [childId])).get(childId)!;
    const scope = decision.scopes.get(DataScope.ACCOMMODATION);
    if (!scope?.allowed) {
      const reason = scope?.reason ?? 'NOT_PERMITTED';
      ctx.audit.denied([childId], reason, resource, scopes);
      throw new ScopeForbiddenError(DataScope.ACCOMMODATION, reason);
    }
    const row = await db.getRepository(ReleaseAddressEntity).findOneBy({ childId, supersededAt: IsNull() });
    ctx.audit.listed(decision, resource);
    ctx.audit.consulted(decision, DataScope.ACCOMMODATION, resource);
    return row ? toReleaseAddress(row) : null;
  }

  async view(ctx: RequestContext, db: EntityManager, row: AccommodationRequestEntity, viewer: RequestViewer, resource: string) {
    const decision = (await ctx.access.decide(db, [row.childId])).get(row.childId);
    if (!decision?.visible) {
      ctx.audit.denied([row.childId], 'NOT_FOUND', resource);
      throw new NotFoundError('Accommodation request');
    }
    ctx.audit.listed(decision, resource);
    return toRequestView(row, decision, viewer);
  }

  private async livePart(ctx: RequestContext, db: EntityManager, requestId: string, providerAgencyId: string): Promise<boolean> {
    const [found] = await db.query(
      `SELECT 1 FROM accommodation_request_recipient WHERE request_id = $1 AND provider_agency_id = $2
          AND (access_ends_at IS NULL OR access_ends_at > $3)`,
      [requestId, providerAgencyId, ctx.access.clock.now],
    );
    return !!found;
  }
}

function visibleDecision(decisions: Map<string, ChildAccessDecision>, childId: string): ChildAccessDecision {
  const decision = decisions.get(childId);
  if (!decision?.visible) throw new Error('a listed accommodation request failed its child’s own access decision');
  return decision;
}
