import type { RequestContext } from '../../shared/auth/request-context';
import { Pathway } from './case.enums';
import { ChildEntity } from './child.entity';
import { CustodyEpisodeEntity } from './custody-episode.entity';
import { PathwayUpdateEntity } from './pathway-update.entity';
import { ReleaseDateChangeEntity } from './release-date-change.entity';
import { shownEpisodeFirst } from './shown-episode.sql';
import { groupBy } from '../../shared/collections/group-by';
import { queryEntities } from '../../shared/db/hydrate-entity';
import { keyMatch, keyRows } from '../../shared/db/key-match';

/** Every pathway, written into the statement: as a parameter, PostgreSQL would plan it afresh at every call (key-match.ts). */
const PATHWAYS = `ARRAY[${Object.values(Pathway).map((p) => `'${p}'`).join(', ')}]::text[]`;

/**
 * Batched loads of a child's records, one query per kind per request. They are only ever called
 * for children whose access decision has already been made.
 */
export const caseRecordLoaders = {
  child: (ctx: RequestContext) =>
    ctx.loaders.get('child', async (ids) => {
      const [where, keys] = keyMatch('c.id', ids);
      const rows = await queryEntities(await ctx.tx.manager(), ChildEntity, `SELECT row_to_json(c) AS row FROM child c WHERE ${where}`, [keys]);
      return new Map(rows.map((r) => [r.id, r]));
    }),

  /** The open custody episode, or else the latest (as CHILD_RECORD_JSON chooses it). */
  custody: (ctx: RequestContext) =>
    ctx.loaders.get('custody', async (childIds) => {
      const [where, keys] = keyMatch('e.child_id', childIds);
      const rows = await queryEntities(
        await ctx.tx.manager(),
        CustodyEpisodeEntity,
        `SELECT DISTINCT ON (e.child_id) row_to_json(e) AS row FROM custody_episode e WHERE ${where}
          ORDER BY e.child_id, ${shownEpisodeFirst('e')}`,
        [keys],
      );
      return new Map(rows.map((r) => [r.childId, r]));
    }),

  releaseHistory: (ctx: RequestContext) =>
    ctx.loaders.get('releaseHistory', async (episodeIds) => {
      const [where, keys] = keyMatch('r.custody_episode_id', episodeIds);
      const rows = await queryEntities(
        await ctx.tx.manager(),
        ReleaseDateChangeEntity,
        `SELECT row_to_json(r) AS row FROM release_date_change r WHERE ${where} ORDER BY r.changed_at`,
        [keys],
      );
      return groupBy(rows, (r) => r.custodyEpisodeId);
    }),

  /** Every pathway update of the children, newest first, by child. */
  pathwayUpdates: (ctx: RequestContext) =>
    ctx.loaders.get('pathwayUpdates', async (childIds) => {
      const [where, keys] = keyMatch('p.child_id', childIds);
      const rows = await queryEntities(
        await ctx.tx.manager(),
        PathwayUpdateEntity,
        `SELECT row_to_json(p) AS row FROM pathway_update p WHERE ${where} ORDER BY p.recorded_at DESC`,
        [keys],
      );
      return groupBy(rows, (r) => r.childId);
    }),

  /** The latest update of each pathway of the children, by child: a child's state without its history. */
  latestPathwayUpdates: (ctx: RequestContext) =>
    ctx.loaders.get('latestPathwayUpdates', async (childIds) => {
      const [children, keys] = keyRows('k', 'child_id', childIds);
      const rows = await queryEntities(
        await ctx.tx.manager(),
        PathwayUpdateEntity,
        // One index probe per child and pathway, however long a child's history has grown.
        `SELECT row_to_json(p) AS row
           FROM ${children} CROSS JOIN unnest(${PATHWAYS}) AS w(pathway)
           JOIN LATERAL (SELECT * FROM pathway_update u WHERE u.child_id = k.child_id AND u.pathway = w.pathway
                          ORDER BY u.recorded_at DESC LIMIT 1) p ON true`,
        [keys],
      );
      return groupBy(rows, (r) => r.childId);
    }),
};

export function updatesFor(all: PathwayUpdateEntity[] | undefined, pathway: Pathway): PathwayUpdateEntity[] {
  return (all ?? []).filter((u) => u.pathway === pathway);
}
