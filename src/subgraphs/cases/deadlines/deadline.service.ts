import type { RequestContext } from '../../../shared/auth/request-context';
import type { ChildAccessDecision } from '../../../shared/policy/child-access-decision';
import { DataScope, PATHWAY_SCOPE } from '../../../shared/policy/data-scope';
import { agencyRef } from '../agency-reference.type';
import type { Pathway } from '../case.enums';
import { DeadlineChangeEntity } from './deadline-change.entity';
import { effectiveDeadlineRules } from './deadline-rules.loader';
import type { CaseAgency } from './deadline-rules.schema';
import type { Deadline, DeadlineChange } from './deadline.type';
import type { DeadlineAnchor, DeadlineChangeKind, DeadlineStatus } from './deadlines.enums';
import { englandDateOf, workingDaysBetween } from '../../../shared/calendar/working-days';
import { shownEpisodeFirst } from '../shown-episode.sql';

interface DeadlineRow {
  id: string;
  rule_code: string;
  pathway: Pathway;
  anchor: DeadlineAnchor;
  basis_date: string;
  due_on: string;
  status: DeadlineStatus;
  met_at: Date | null;
  home_yjs: string;
  home_cs: string | null;
  establishment: string | null;
}

const RESOURCE = 'Child.deadlines';

/** Reads of a child's deadlines, limited to the pathways whose scope the caller may see. */
export class DeadlineService {
  async forChild(ctx: RequestContext, decision: ChildAccessDecision, includeCancelled: boolean): Promise<Deadline[]> {
    const pathways = (Object.entries(PATHWAY_SCOPE) as [Pathway, DataScope][])
      .filter(([, scope]) => decision.scopes.get(scope)?.allowed)
      .map(([pathway]) => pathway);
    const db = await ctx.tx.manager();
    const rows: DeadlineRow[] = await db.query(
      `SELECT d.id, d.rule_code, d.pathway, d.anchor, to_char(d.basis_date, 'YYYY-MM-DD') AS basis_date,
              to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.status, d.met_at, c.home_yjs_agency_id AS home_yjs,
              (SELECT a.id FROM agency a WHERE a.consortium_id = c.consortium_id AND a.type = 'CHILDRENS_SERVICES'
                  AND a.local_authority_code = c.home_local_authority_code ORDER BY a.code LIMIT 1) AS home_cs,
              e.establishment_agency_id AS establishment
         FROM deadline d JOIN child c ON c.id = d.child_id JOIN custody_episode e ON e.id = d.custody_episode_id
        WHERE d.child_id = $1 AND d.pathway = ANY($2::text[]) AND ($3 OR d.status <> 'CANCELLED')
          AND d.custody_episode_id = (SELECT x.id FROM custody_episode x WHERE x.child_id = $1
                                       ORDER BY ${shownEpisodeFirst('x')} LIMIT 1)
        ORDER BY d.due_on, d.rule_code`,
      [decision.childId, pathways, includeCancelled],
    );
    for (const scope of new Set(rows.map((r) => PATHWAY_SCOPE[r.pathway]))) {
      if (scope !== DataScope.CUSTODY) ctx.audit.consulted(decision, scope, RESOURCE);
    }
    const rules = effectiveDeadlineRules(ctx.principal.consortium.settings);
    const today = englandDateOf(new Date(ctx.access.clock.now));
    const history = await this.history(ctx, rows.map((r) => r.id));
    return rows.map((row) => {
      const rule = rules.find((r) => r.code === row.rule_code);
      const owner = rule?.owner ?? { role: 'CASE_MANAGER', agency: 'HOME_YJS' as CaseAgency };
      const ownerAgency = { HOME_YJS: row.home_yjs, HOME_CHILDRENS_SERVICES: row.home_cs, CURRENT_ESTABLISHMENT: row.establishment, CONSORTIUM_TEAM: null }[
        owner.agency
      ];
      // The job marks a passed deadline MISSED within the hour; until then it is shown as it stands today.
      const status = row.status === 'OPEN' && today > row.due_on ? ('MISSED' as DeadlineStatus) : row.status;
      return {
        id: row.id,
        ruleCode: row.rule_code,
        title: rule?.title ?? row.rule_code,
        pathway: row.pathway,
        dueOn: row.due_on,
        status,
        metAt: row.met_at,
        daysRemaining: workingDaysBetween(today, row.due_on),
        anchor: row.anchor,
        basisDate: row.basis_date,
        ownerRole: owner.role,
        ownerAgency: ownerAgency ? agencyRef(ownerAgency) : null,
        history: history.get(row.id) ?? [],
      };
    });
  }

  private async history(ctx: RequestContext, deadlineIds: string[]): Promise<Map<string, DeadlineChange[]>> {
    const byDeadline = new Map<string, DeadlineChange[]>();
    if (deadlineIds.length === 0) return byDeadline;
    const db = await ctx.tx.manager();
    const rows = await db
      .getRepository(DeadlineChangeEntity)
      .createQueryBuilder('h')
      .where('h.deadlineId IN (:...deadlineIds)', { deadlineIds })
      .orderBy('h.changedAt', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .getMany();
    for (const row of rows) {
      const list = byDeadline.get(row.deadlineId) ?? [];
      list.push({
        kind: row.kind as DeadlineChangeKind,
        previousDueOn: row.previousDueOn,
        dueOn: row.dueOn,
        previousBasisDate: row.previousBasisDate,
        basisDate: row.basisDate,
        previousStatus: row.previousStatus as DeadlineStatus,
        status: row.status as DeadlineStatus,
        changedAt: row.changedAt,
      });
      byDeadline.set(row.deadlineId, list);
    }
    return byDeadline;
  }
}
