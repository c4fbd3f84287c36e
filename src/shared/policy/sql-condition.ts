import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { CHILD_ACCESS_FACTS, type AccessFact, type SqlType } from './child-access-fields';

export interface SqlCondition {
  sql: string;
  /** TypeORM named parameters. */
  params: Record<string, unknown>;
}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * Compiles a CASL condition tree (from rulesToAST) over the child access facts into a WHERE
 * clause on `child c`. Anything it does not know is an error, never a silently wider filter.
 */
export function compileChildCondition(ast: Condition | null, paramPrefix = 'acl'): SqlCondition {
  const params: Record<string, unknown> = {};
  let counter = 0;
  const param = (value: unknown, type: SqlType, array = false) => {
    const name = `${paramPrefix}_${counter++}`;
    params[name] = value;
    return `CAST(:${name} AS ${type}${array ? '[]' : ''})`;
  };

  const compileField = (condition: FieldCondition, lookup: (field: string) => AccessFact | { sql: string; type: SqlType }): string => {
    const fact = lookup(condition.field);
    if ('kind' in fact && fact.kind === 'collection') {
      if (condition.operator !== 'elemMatch') throw new Error(`collection ${condition.field} supports only $elemMatch`);
      const inner = compile(condition.value as Condition, (column) => {
        const found = fact.columns[column];
        if (!found) throw new Error(`unknown column ${condition.field}.${column}`);
        return found;
      });
      return `EXISTS (SELECT 1 FROM (${fact.from}) x WHERE ${inner})`;
    }
    const { sql, type } = fact as { sql: string; type: SqlType };
    const value = condition.value;
    if (condition.operator === 'in' || condition.operator === 'nin') {
      const clause = `${sql} = ANY(${param(value, type, true)})`;
      return condition.operator === 'in' ? clause : `NOT coalesce(${clause}, false)`;
    }
    const comparison = COMPARISONS[condition.operator];
    if (!comparison) throw new Error(`unsupported operator ${condition.operator}`);
    if (value === null) {
      if (condition.operator === 'eq') return `${sql} IS NULL`;
      if (condition.operator === 'ne') return `${sql} IS NOT NULL`;
      throw new Error(`cannot compare ${condition.field} with null`);
    }
    return `${sql} ${comparison} ${param(value, type)}`;
  };

  const compile = (condition: Condition, lookup: (field: string) => AccessFact | { sql: string; type: SqlType }): string => {
    switch (condition.operator) {
      case 'and':
      case 'or': {
        const terms = (condition as CompoundCondition).value;
        const parts = (condition.operator === 'or' ? withoutImpliedDisjuncts(terms) : withoutRepeats(terms)).map((c) => compile(c, lookup));
        if (parts.length === 0) return condition.operator === 'and' ? 'TRUE' : 'FALSE';
        return `(${parts.join(condition.operator === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `NOT coalesce((${compile((condition as CompoundCondition).value[0], lookup)}), false)`;
      default:
        return compileField(condition as FieldCondition, lookup);
    }
  };

  if (ast === null) return { sql: 'FALSE', params };
  const sql = compile(ast, (field) => {
    const fact = (CHILD_ACCESS_FACTS as Record<string, AccessFact>)[field];
    if (!fact) throw new Error(`unknown access fact ${field}`);
    return fact;
  });
  return { sql, params };
}

const keyOf = (condition: Condition) => JSON.stringify(condition);

function withoutRepeats(terms: Condition[]): Condition[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(keyOf(t)) && !!seen.add(keyOf(t)));
}

/**
 * Every rule of a caller's ability becomes one disjunct, and the rules for each scope repeat the
 * relationship's conditions (the consent-based ones with a consent condition added). A disjunct that
 * holds every conjunct of another one adds nothing to an OR (E OR (E AND F) is E), so it is left
 * out: the same filter, in a fraction of the SQL (and of the subqueries run for a row that fails it).
 */
function withoutImpliedDisjuncts(terms: Condition[]): Condition[] {
  const unique = withoutRepeats(terms);
  const conjuncts = unique.map((t) => new Set((t.operator === 'and' ? (t as CompoundCondition).value : [t]).map(keyOf)));
  return unique.filter((_, i) =>
    !conjuncts.some((other, j) => j !== i && other.size < conjuncts[i].size && [...other].every((k) => conjuncts[i].has(k))),
  );
}
