import type { EntityManager } from 'typeorm';
import { asJsonValue, CHILD_ACCESS_FACTS, type ChildAccessFacts } from './child-access-fields';

const FACTS_JSON = `json_build_object('id', c.id::text, ${Object.entries(CHILD_ACCESS_FACTS)
  .map(([name, fact]) => {
    if (fact.kind === 'scalar') return `'${name}', ${asJsonValue(fact.sql, fact.type)}`;
    const columns = Object.entries(fact.columns)
      .map(([column, { sql, type }]) => `'${column}', ${asJsonValue(sql, type)}`)
      .join(', ');
    return `'${name}', (SELECT coalesce(json_agg(json_build_object(${columns})), '[]'::json) FROM (${fact.from}) x)`;
  })
  .join(',\n  ')})`;

const FACTS_SQL = `SELECT ${FACTS_JSON} AS facts FROM child c WHERE c.id = ANY($1::uuid[])`;

/** The facts of `child c` as one JSON value, for a list query that loads its page's facts with it. */
export const CHILD_FACTS_JSON = FACTS_JSON;

/** Loads the access facts of many children in one query; children that do not exist are absent. */
export async function loadChildAccessFacts(db: EntityManager, childIds: readonly string[]): Promise<Map<string, ChildAccessFacts>> {
  if (childIds.length === 0) return new Map();
  const rows: { facts: ChildAccessFacts }[] = await db.query(FACTS_SQL, [childIds]);
  return new Map(rows.map(({ facts }) => [facts.id, facts]));
}
