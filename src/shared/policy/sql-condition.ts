import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { CHILD_ACCESS_FACTS, IN_FORCE, type AccessFact, type SqlType } from './child-access-fields';

export interface SqlCondition {
  sql: string;
  /** TypeORM named parameters. */
  params: Record<string, unknown>;
}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The parameter holding the request's instant, for the elements in force (IN_FORCE) at it. */
export const nowParam = (paramPrefix: string) => `${paramPrefix}_now`;

/**
 * Compiles a CASL condition tree (from rulesToAST) over the child access facts into a WHERE
 * clause on `child c`. Anything it does not know is an error, never a silently wider filter.
 * `now` is the instant at which IN_FORCE is read (required where the conditions name it).
 */
export function compileChildCondition(ast: Condition | null, paramPrefix = 'acl', now?: string): SqlCondition {
  const params: Record<string, unknown> = {};
  let counter = 0;
  const param = (value: unknown, type: SqlType, array = false) => {
    const name = `${paramPrefix}_${counter++}`;
    params[name] = value;
    return `CAST(:${name} AS ${type}${array ? '[]' : ''})`;
  };
  const atNow = () => {
    if (now === undefined) throw new Error(`${IN_FORCE} needs the instant to read it at`);
    params[nowParam(paramPrefix)] = now;
    return `CAST(:${nowParam(paramPrefix)} AS timestamptz)`;
  };

  const compileField = (condition: FieldCondition, lookup: (field: string) => AccessFact | { sql: string; type: SqlType }): string => {
    const fact = lookup(condition.field);
    if ('kind' in fact && fact.kind === 'collection') {
      if (condition.operator !== 'elemMatch') throw new Error(`collection ${condition.field} supports only $elemMatch`);
      const inner = compile(condition.value as Condition, (column) => {
        if (column === IN_FORCE && fact.period) {
          const { from, until } = fact.period;
          const started = from ? `${fact.columns[from].sql} <= ${atNow()} AND ` : '';
          return { sql: `(${started}${fact.columns[until].sql} > ${atNow()})`, type: 'boolean' };
        }
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
        const parts = (condition as CompoundCondition).value.map((c) => compile(c, lookup));
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
  const sql = compile(simplified(ast), (field) => {
    const fact = (CHILD_ACCESS_FACTS as Record<string, AccessFact>)[field];
    if (!fact) throw new Error(`unknown access fact ${field}`);
    return fact;
  });
  return { sql, params };
}

/**
 * A caller's rules as one condition, in the order they were written (CASL lists the last rule
 * first): a caller's own relationship before team cover, so PostgreSQL's OR stops at the likelier one.
 */
export function inRuleOrder(ast: Condition | null): Condition | null {
  if (ast?.operator !== 'or') return ast;
  return { operator: 'or', value: [...(ast as CompoundCondition).value].reverse() } as unknown as Condition;
}

/** Conditions that must all hold: the filter for a record that needs the caller to read both it and the child. */
export function allOf(conditions: (Condition | null)[]): Condition | null {
  if (conditions.some((c) => c === null)) return null;
  return conditions.length === 1 ? conditions[0] : ({ operator: 'and', value: conditions } as unknown as Condition);
}

const keyOf = (condition: Condition) => JSON.stringify(condition);

/**
 * The same condition with what adds nothing left out: repeated terms of an AND or OR, and disjuncts
 * implied by others. Every rule of a caller's ability becomes one disjunct, and the rules for each
 * scope repeat the relationship's conditions (the consent-based ones with a consent condition
 * added); a disjunct that holds every conjunct of another adds nothing to an OR (E OR (E AND F) is
 * E). The same filter, in a fraction of the SQL (and of the subqueries run for a row that fails it).
 */
function simplified(condition: Condition): Condition {
  if (condition.operator !== 'and' && condition.operator !== 'or') return condition;
  const terms = (condition as CompoundCondition).value.map(simplified);
  const kept = condition.operator === 'or' ? withoutImpliedDisjuncts(terms) : withoutRepeats(terms);
  return kept.length === 1 ? kept[0] : ({ operator: condition.operator, value: kept } as unknown as Condition);
}

function withoutRepeats(terms: Condition[]): Condition[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(keyOf(t)) && !!seen.add(keyOf(t)));
}

function withoutImpliedDisjuncts(terms: Condition[]): Condition[] {
  const unique = withoutRepeats(terms);
  const conjuncts = unique.map((t) => new Set((t.operator === 'and' ? (t as CompoundCondition).value : [t]).map(keyOf)));
  return unique.filter((_, i) =>
    !conjuncts.some((other, j) => j !== i && other.size < conjuncts[i].size && [...other].every((k) => conjuncts[i].has(k))),
  );
}
