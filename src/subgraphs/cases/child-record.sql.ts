import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';
import type { ChildAccessFacts } from '../../shared/policy/child-access-fields';
import { hydrateEntity } from '../../shared/db/hydrate-entity';
import { keyMatch } from '../../shared/db/key-match';
import { caseRecordLoaders } from './case-record.loaders';
import { ChildEntity } from './child.entity';
import { CustodyEpisodeEntity } from './custody-episode.entity';
import { shownEpisodeFirst } from './shown-episode.sql';

/** A row of `child c` and the custody episode its record shows (shownEpisodeFirst), as one JSON value. */
export const CHILD_RECORD_JSON = `json_build_object('child', row_to_json(c), 'custody',
  (SELECT row_to_json(ce) FROM custody_episode ce WHERE ce.child_id = c.id ORDER BY ${shownEpisodeFirst('ce')} LIMIT 1))`;

export interface ChildRecordJson {
  child: Record<string, unknown> & { id: string };
  custody: Record<string, unknown> | null;
}

/**
 * Hands records a query selected with CHILD_RECORD_JSON to the request's loaders, so the fields
 * that read them send no query of their own. Only for children whose access has been decided:
 * the fields still check their scope, as for records the loaders fetch.
 */
export function primeChildRecords(ctx: RequestContext, db: EntityManager, records: readonly ChildRecordJson[]): void {
  const children = caseRecordLoaders.child(ctx);
  const custody = caseRecordLoaders.custody(ctx);
  for (const record of records) {
    children.prime(record.child.id, hydrateEntity(db, ChildEntity, record.child));
    custody.prime(record.child.id, record.custody ? hydrateEntity(db, CustodyEpisodeEntity, record.custody) : undefined);
  }
}

/**
 * The access facts of children (handed to the request's AccessControl) and their records, in one
 * query for all the children a request reads by id (`child(id)`, entity references).
 */
export function factsWithRecords(ctx: RequestContext) {
  return ctx.loaders.get('factsWithRecords', async (ids) => {
    const db = await ctx.tx.manager();
    const [where, keys] = keyMatch('c.id', ids);
    const rows: { id: string; facts: ChildAccessFacts | null; record: ChildRecordJson }[] = await db.query(
      `SELECT c.id, ${ctx.access.factsColumn()} AS facts, ${CHILD_RECORD_JSON} AS record FROM child c WHERE ${where}`,
      [keys],
    );
    ctx.access.rememberFacts(rows.map((r) => r.facts), ids);
    return new Map(rows.map((r) => [r.id, r.record]));
  });
}
