import type { RequestContext } from '../../shared/auth/request-context';
import { Pathway } from './case.enums';
import { ChildEntity } from './child.entity';
import { CustodyEpisodeEntity } from './custody-episode.entity';
import { PathwayUpdateEntity } from './pathway-update.entity';
import { ReleaseDateChangeEntity } from './release-date-change.entity';
import { groupBy } from '../../shared/collections/group-by';

/**
 * Batched loads of a child's records, one query per kind per request. They are only ever called
 * for children whose access decision has already been made.
 */
export const caseRecordLoaders = {
  child: (ctx: RequestContext) =>
    ctx.loaders.get('child', async (ids) => {
      const db = await ctx.tx.manager();
      const rows = await db.getRepository(ChildEntity).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
      return new Map(rows.map((r) => [r.id, r]));
    }),

  /** The open custody episode, or else the latest. */
  custody: (ctx: RequestContext) =>
    ctx.loaders.get('custody', async (childIds) => {
      const db = await ctx.tx.manager();
      const rows = await db
        .getRepository(CustodyEpisodeEntity)
        .createQueryBuilder('e')
        .distinctOn(['e.childId'])
        .where('e.childId IN (:...childIds)', { childIds })
        .orderBy('e.childId')
        .addOrderBy(`e.status = 'IN_CUSTODY'`, 'DESC')
        .addOrderBy('e.entryDate', 'DESC')
        .getMany();
      return new Map(rows.map((r) => [r.childId, r]));
    }),

  releaseHistory: (ctx: RequestContext) =>
    ctx.loaders.get('releaseHistory', async (episodeIds) => {
      const db = await ctx.tx.manager();
      const rows = await db
        .getRepository(ReleaseDateChangeEntity)
        .createQueryBuilder('r')
        .where('r.custodyEpisodeId IN (:...episodeIds)', { episodeIds })
        .orderBy('r.changedAt', 'ASC')
        .getMany();
      return groupBy(rows, (r) => r.custodyEpisodeId);
    }),

  /** Every pathway update of the children, newest first, keyed by `${childId}:${pathway}`. */
  pathwayUpdates: (ctx: RequestContext) =>
    ctx.loaders.get('pathwayUpdates', async (childIds) => {
      const db = await ctx.tx.manager();
      const rows = await db
        .getRepository(PathwayUpdateEntity)
        .createQueryBuilder('p')
        .where('p.childId IN (:...childIds)', { childIds })
        .orderBy('p.recordedAt', 'DESC')
        .getMany();
      return groupBy(rows, (r) => r.childId);
    }),
};

export function updatesFor(all: PathwayUpdateEntity[] | undefined, pathway: Pathway): PathwayUpdateEntity[] {
  return (all ?? []).filter((u) => u.pathway === pathway);
}
