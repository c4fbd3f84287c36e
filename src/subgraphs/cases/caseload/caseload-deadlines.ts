import type { RequestContext } from '../../../shared/auth/request-context';
import type { ChildAccessDecision } from '../../../shared/policy/child-access-decision';
import { PATHWAY_SCOPE, type DataScope } from '../../../shared/policy/data-scope';
import type { Pathway } from '../case.enums';
import { effectiveDeadlineRules } from '../deadlines/deadline-rules.loader';
import { workingDaysBetween } from '../../../shared/calendar/working-days';
import type { CaseloadDeadlines } from './caseload.type';

interface OpenDeadlineRow {
  child_id: string;
  rule_code: string;
  pathway: Pathway;
  due_on: string;
  status: 'OPEN' | 'MISSED';
}

/** Open and missed deadlines of the current custody episode for a page of children, in one query. */
function openDeadlines(ctx: RequestContext) {
  return ctx.loaders.get('caseloadOpenDeadlines', async (childIds) => {
    const db = await ctx.tx.manager();
    const rows: OpenDeadlineRow[] = await db.query(
      `SELECT d.child_id, d.rule_code, d.pathway, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.status
         FROM deadline d JOIN custody_episode e ON e.id = d.custody_episode_id AND e.status = 'IN_CUSTODY'
        WHERE d.child_id = ANY($1::uuid[]) AND d.status IN ('OPEN', 'MISSED')
        ORDER BY d.due_on, d.rule_code`,
      [childIds],
    );
    const byChild = new Map<string, OpenDeadlineRow[]>();
    for (const row of rows) byChild.set(row.child_id, [...(byChild.get(row.child_id) ?? []), row]);
    return byChild;
  });
}

/**
 * The next deadline and the count of overdue ones, over the pathways whose scope this caller
 * may see for this child (a deadline reveals the pathway it belongs to).
 */
export async function caseloadDeadlines(ctx: RequestContext, decision: ChildAccessDecision): Promise<CaseloadDeadlines> {
  const today = ctx.access.clock.today;
  const visible = ((await openDeadlines(ctx).load(decision.childId)) ?? []).filter(
    (d) => decision.scopes.get(PATHWAY_SCOPE[d.pathway] as DataScope)?.allowed,
  );
  const overdue = visible.filter((d) => d.status === 'MISSED' || d.due_on < today);
  const next = visible.find((d) => d.status === 'OPEN' && d.due_on >= today);
  const rules = effectiveDeadlineRules(ctx.principal.consortium.settings);
  return {
    overdueCount: overdue.length,
    next: next
      ? {
          ruleCode: next.rule_code,
          title: rules.find((r) => r.code === next.rule_code)?.title ?? next.rule_code,
          pathway: next.pathway,
          dueOn: next.due_on,
          workingDaysRemaining: workingDaysBetween(today, next.due_on),
        }
      : null,
  };
}

/** SQL for "at least one overdue deadline" in the pathways named by :overduePathways (those the caller holds without consent). */
export function overdueCondition(): string {
  return `EXISTS (SELECT 1 FROM deadline d WHERE d.child_id = c.id AND d.custody_episode_id = e.id
            AND d.pathway = ANY(CAST(:overduePathways AS text[]))
            AND (d.status = 'MISSED' OR (d.status = 'OPEN' AND d.due_on < CAST(:today AS date))))`;
}
