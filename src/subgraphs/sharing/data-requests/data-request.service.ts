import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { englandDateOf } from '../../../shared/calendar/london-date';
import { addWorkingDays } from '../../../shared/calendar/working-days';
import { NotFoundError, ValidationError } from '../../../shared/errors/domain.error';
import { ConflictError, InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseForChild } from '../../../shared/policy/case-authorisation';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { DataRequestOutcome, DataRequestStatus } from './data-request.enums';
import type { AnswerDataRequestInput, RequestDataInput, WithdrawDataRequestInput } from './data-request.input';
import { DATA_REQUEST_COLUMNS, toDataRequest, type DataRequestRow } from './data-request.row';
import type { DataRequest } from './data-request.type';

/** An agency in the child's case today: where the information asked for would be held. */
const IN_CHILDS_CASE = `
  SELECT 1 FROM child c JOIN agency a ON a.id = $2 AND a.active AND a.consortium_id = c.consortium_id
   WHERE c.id = $1 AND (
         a.id = c.home_yjs_agency_id
      OR (a.type = 'CHILDRENS_SERVICES' AND a.local_authority_code = c.home_local_authority_code)
      OR a.type = 'CONSORTIUM_TEAM'
      OR a.id IN (SELECT e.establishment_agency_id FROM custody_episode e WHERE e.child_id = c.id AND e.status = 'IN_CUSTODY')
      OR a.id IN (SELECT p.probation_agency_id FROM probation_transfer p WHERE p.child_id = c.id AND p.status <> 'CANCELLED'))`;

/**
 * Requests for data between the agencies of a child's case. The request carries codes only; the
 * answer is the information recorded in the child's records, which the agreements then share.
 */
export class DataRequestService {
  async request(ctx: RequestContext, input: RequestDataInput): Promise<DataRequest> {
    const resource = 'mutation:requestData';
    await authoriseForChild(ctx, input.childId, 'create', 'DataRequest', { resource, operation: 'ALTER' });
    if (input.addressedAgencyId === ctx.principal.agency.id) throw new ValidationError('addressedAgencyId', 'is your own agency');
    return ctx.tx.atomically(async (db) => {
      const [inCase] = await db.query(IN_CHILDS_CASE, [input.childId, input.addressedAgencyId]);
      if (!inCase) throw new ValidationError('addressedAgencyId', 'is not an agency of this child’s case');
      const requestedAt = new Date(ctx.access.clock.now);
      const dueOn = addWorkingDays(englandDateOf(requestedAt), ctx.principal.consortium.settings.dataRequestResponseWorkingDays);
      const byUser = ctx.principal.kind === 'user';
      const [row]: DataRequestRow[] = await db.query(
        `INSERT INTO data_request AS d (id, child_id, requesting_agency_id, requested_by_user_id, requested_by_client_id,
                                        addressed_agency_id, scopes, purpose, requested_at, due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${DATA_REQUEST_COLUMNS}`,
        [randomUUID(), input.childId, ctx.principal.agency.id, byUser ? ctx.principal.id : null, byUser ? null : ctx.principal.id,
          input.addressedAgencyId, [...new Set(input.scopes)], input.purpose ?? ctx.purpose, requestedAt, dueOn],
      );
      ctx.audit.record({
        operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds: [input.childId], scopes: [], resource,
        justification: { recipientAgencyIds: [input.addressedAgencyId] },
      });
      return toDataRequest(row, ctx.access.clock.today);
    });
  }

  async answer(ctx: RequestContext, input: AnswerDataRequestInput): Promise<DataRequest> {
    const resource = 'mutation:answerDataRequest';
    const declined = input.outcome === DataRequestOutcome.DECLINED;
    if (declined && !input.declineReason) throw new ValidationError('declineReason', 'is needed to decline');
    if (!declined && input.declineReason) throw new ValidationError('declineReason', 'is only given with outcome DECLINED');
    const current = await this.partOf(ctx, input.id, resource);
    if (current.addressedAgencyId !== ctx.principal.agency.id) throw new ForbiddenError('Only the agency asked answers a request for data');
    return this.move(ctx, current, input.expectedVersion, resource, {
      status: declined ? DataRequestStatus.DECLINED : DataRequestStatus.ANSWERED,
      outcome: input.outcome,
      declineReason: input.declineReason ?? null,
    });
  }

  async withdraw(ctx: RequestContext, input: WithdrawDataRequestInput): Promise<DataRequest> {
    const resource = 'mutation:withdrawDataRequest';
    const current = await this.partOf(ctx, input.id, resource);
    if (current.requestingAgencyId !== ctx.principal.agency.id) throw new ForbiddenError('Only the agency that asked withdraws a request for data');
    return this.move(ctx, current, input.expectedVersion, resource, { status: DataRequestStatus.WITHDRAWN, outcome: null, declineReason: null });
  }

  /** The request, if the caller's agency is a party to it and may act in the child's case; else NOT_FOUND / FORBIDDEN. */
  private async partOf(ctx: RequestContext, id: string, resource: string): Promise<DataRequestRow> {
    const db = await ctx.tx.manager();
    const row = await findRequest(db, id);
    const agency = ctx.principal.agency.id;
    if (!row || (row.requestingAgencyId !== agency && row.addressedAgencyId !== agency)) {
      if (row) ctx.audit.denied([row.childId], 'NOT_FOUND', resource, [], 'ALTER');
      throw new NotFoundError('Data request');
    }
    await authoriseForChild(ctx, row.childId, 'update', 'DataRequest', { resource, operation: 'ALTER' });
    return row;
  }

  private async move(
    ctx: RequestContext,
    current: DataRequestRow,
    expectedVersion: number,
    resource: string,
    to: { status: DataRequestStatus; outcome: DataRequestOutcome | null; declineReason: string | null },
  ): Promise<DataRequest> {
    if (current.version !== expectedVersion) throw new ConflictError('The data request', current.version);
    if (current.status !== DataRequestStatus.OPEN) {
      throw new InvalidTransitionError(`A ${current.status.toLowerCase()} request for data cannot become ${to.status.toLowerCase()}`, {
        from: current.status,
        to: to.status,
      });
    }
    return ctx.tx.atomically(async (db) => {
      const byUser = ctx.principal.kind === 'user';
      const responded = to.status !== DataRequestStatus.WITHDRAWN;
      const [[row]]: [DataRequestRow[], number] = await db.query(
        `UPDATE data_request d SET status = $3, outcome = $4, decline_reason = $5, responded_at = $6,
                responded_by_user_id = $7, responded_by_client_id = $8, version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'OPEN' RETURNING ${DATA_REQUEST_COLUMNS}`,
        [current.id, expectedVersion, to.status, to.outcome, to.declineReason, new Date(ctx.access.clock.now),
          responded && byUser ? ctx.principal.id : null, responded && !byUser ? ctx.principal.id : null],
      );
      if (!row) throw new ConflictError('The data request', (await findRequest(db, current.id))?.version ?? null);
      ctx.audit.record({
        operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds: [row.childId], scopes: [], resource,
        justification: { recipientAgencyIds: [responded ? row.requestingAgencyId : row.addressedAgencyId] },
      });
      return toDataRequest(row, ctx.access.clock.today);
    });
  }
}

export async function findRequest(db: EntityManager, id: string): Promise<DataRequestRow | undefined> {
  const [row]: DataRequestRow[] = await db.query(`SELECT ${DATA_REQUEST_COLUMNS} FROM data_request d WHERE d.id = $1`, [id]);
  return row;
}
