import type { EntityManager } from 'typeorm';
import { asJsonValue, CHILD_ACCESS_FACTS, type ChildAccessFactName, type ChildAccessFacts } from './child-access-fields';

export const ALL_CHILD_FACTS = Object.keys(CHILD_ACCESS_FACTS) as ChildAccessFactName[];

const jsonByFacts = new Map<string, string>();

/**
 * These facts of `child c` (and its id) as one JSON value, for a query that loads a page's facts
 * with it. Each list fact is a subquery, so a caller whose rules read few facts asks for few.
 */
export function childFactsJson(names: readonly ChildAccessFactName[] = ALL_CHILD_FACTS): string {
  const key = names.join(',');
  let json = jsonByFacts.get(key);
  if (!json) {
    const columns = names.map((name) => {
      const fact = CHILD_ACCESS_FACTS[name];
      if (fact.kind === 'scalar') return `'${name}', ${asJsonValue(fact.sql, fact.type)}`;
      const fields = Object.entries(fact.columns)
        .map(([column, { sql, type }]) => `'${column}', ${asJsonValue(sql, type)}`)
        .join(', ');
      return `'${name}', (SELECT coalesce(json_agg(json_build_object(${fields})), '[]'::json) FROM (${fact.from}) x)`;
    });
    json = `json_build_object('id', c.id::text${columns.map((c) => `, ${c}`).join('\n  ')})`;
    jsonByFacts.set(key, json);
  }
  return json;
}

/** The facts of `child c`, every one, as one JSON value. */
export const CHILD_FACTS_JSON = childFactsJson();

/** Loads these access facts (all, by default) of many children in one query; children that do not exist are absent. */
export async function loadChildAccessFacts(
  db: EntityManager,
  childIds: readonly string[],
  names: readonly ChildAccessFactName[] = ALL_CHILD_FACTS,
): Promise<Map<string, ChildAccessFacts>> {
  if (childIds.length === 0) return new Map();
  const rows: { facts: ChildAccessFacts }[] = await db.query(`SELECT ${childFactsJson(names)} AS facts FROM child c WHERE c.id = ANY($1::uuid[])`, [
    childIds,
  ]);
  return new Map(rows.map(({ facts }) => [facts.id, facts]));
}
