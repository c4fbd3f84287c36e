import type { RequestContext } from '../../../shared/auth/request-context';
import { MeetingEntity } from '../meeting.entity';
import type { MetAtGateBy } from './case-writes.enums';
import { MeetingActionEntity } from './meeting-action.entity';
import { probationTransfersOf, type ProbationTransferRow } from './probation-transfer.queries';
import { RotlRequestEntity } from './rotl-request.entity';
import { groupBy } from '../../../shared/collections/group-by';

export interface ReleaseDetailsRow {
  id: string;
  met_at_gate_by: MetAtGateBy | null;
  met_at_gate_by_agency_id: string | null;
  release_accommodation_request_id: string | null;
}

/**
 * Batched reads of the records this module writes, one query per kind per request; only called
 * below a field whose scope the policy layer has already allowed.
 */
export const caseWritesLoaders = {
  meetings: (ctx: RequestContext) =>
    ctx.loaders.get('caseWrites.meetings', async (childIds) => {
      const db = await ctx.tx.manager();
      const rows = await db.getRepository(MeetingEntity).createQueryBuilder('m')
        .where('m.childId IN (:...childIds)', { childIds }).orderBy('m.scheduledFor', 'DESC').addOrderBy('m.id').getMany();
      return groupBy(rows, (r) => r.childId);
    }),

  meetingActions: (ctx: RequestContext) =>
    ctx.loaders.get('caseWrites.meetingActions', async (meetingIds) => {
      const db = await ctx.tx.manager();
      const rows = await db.getRepository(MeetingActionEntity).createQueryBuilder('a')
        .where('a.meetingId IN (:...meetingIds)', { meetingIds }).orderBy('a.position').getMany();
      return groupBy(rows, (r) => r.meetingId);
    }),

  rotlRequests: (ctx: RequestContext) =>
    ctx.loaders.get('caseWrites.rotlRequests', async (childIds) => {
      const db = await ctx.tx.manager();
      const rows = await db.getRepository(RotlRequestEntity).createQueryBuilder('r')
        .where('r.childId IN (:...childIds)', { childIds }).orderBy('r.requestedFrom', 'DESC').addOrderBy('r.id').getMany();
      return groupBy(rows, (r) => r.childId);
    }),

  probationTransfers: (ctx: RequestContext) =>
    ctx.loaders.get('caseWrites.probationTransfers', async (childIds) => {
      const rows = await probationTransfersOf(await ctx.tx.manager(), childIds);
      return groupBy<ProbationTransferRow>(rows, (r) => r.child_id);
    }),

  releaseDetails: (ctx: RequestContext) =>
    ctx.loaders.get('caseWrites.releaseDetails', async (episodeIds) => {
      const db = await ctx.tx.manager();
      const rows: ReleaseDetailsRow[] = await db.query(
        `SELECT id, met_at_gate_by, met_at_gate_by_agency_id, release_accommodation_request_id
           FROM custody_episode WHERE id = ANY($1::uuid[]) AND status = 'RELEASED'`,
        [episodeIds],
      );
      return new Map(rows.map((r) => [r.id, r]));
    }),
};
