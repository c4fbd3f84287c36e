import type { EntityManager } from 'typeorm';
import { keyMatch } from '../db/key-match';
import { asJsonValue, CHILD_ACCESS_FACTS, IN_FORCE, type ChildAccessFactName, type ChildAccessFacts, type CollectionFact } from './child-access-fields';

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

const PERIOD_FACTS = Object.entries(CHILD_ACCESS_FACTS).flatMap(([name, fact]) =>
  'period' in fact ? [[name as ChildAccessFactName, (fact as CollectionFact).period!] as const] : [],
);

/**
 * The facts as the rules read them at this instant: each element with a period gets IN_FORCE,
 * exactly as the SQL filter computes it (from <= now < until). A copy: facts are shared by the
 * request's decisions.
 */
export function factsAt(facts: ChildAccessFacts, now: string): Record<string, unknown> {
  const at: Record<string, unknown> = { ...facts };
  for (const [name, { from, until }] of PERIOD_FACTS) {
    const elements = facts[name] as unknown as Record<string, unknown>[] | undefined;
    if (!elements) continue;
    at[name] = elements.map((e) => {
      const end = e[until];
      const start = from === undefined ? undefined : e[from];
      return { ...e, [IN_FORCE]: typeof end === 'string' && end > now && (from === undefined || (typeof start === 'string' && start <= now)) };
    });
  }
  return at;
}

/** Loads these access facts (all, by default) of many children in one query; children that do not exist are absent. */
export async function loadChildAccessFacts(
  db: EntityManager,
  childIds: readonly string[],
  names: readonly ChildAccessFactName[] = ALL_CHILD_FACTS,
): Promise<Map<string, ChildAccessFacts>> {
  if (childIds.length === 0) return new Map();
  const [where, ids] = keyMatch('c.id', childIds);
  const rows: { facts: ChildAccessFacts }[] = await db.query(`SELECT ${childFactsJson(names)} AS facts FROM child c WHERE ${where}`, [ids]);
  return new Map(rows.map(({ facts }) => [facts.id, facts]));
}
