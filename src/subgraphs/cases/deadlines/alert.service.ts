import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../shared/auth/request-context';
import { DomainError, NotFoundError, ValidationError } from '../../../shared/errors/domain.error';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../shared/graphql/cursor';
import { isUuid } from '../../../shared/graphql/uuid';
import { authoriseForChild } from '../../../shared/policy/case-authorisation';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { withChildAccess } from '../../../shared/policy/scoped-field';
import { agencyRef } from '../agency-reference.type';
import { effectiveDeadlineRules } from './deadline-rules.loader';
import type { Alert, AlertConnection } from './alert.type';
import { AlertStatus, AlertStatusFilter } from './deadlines.enums';
import { namedQuery } from '../../../shared/db/named-query';

interface AlertRow {
  id: string;
  kind: string;
  child_id: string | null;
  addressed_to_agency_id: string;
  addressed_to_role: string;
  raised_at: Date;
  raised_key: string;
  due_at: Date | null;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  resolution: string | null;
  level: number | null;
  stage: string | null;
  version: number;
  rule_code: string | null;
}

const COLUMNS = `a.id, a.kind, a.child_id, a.addressed_to_agency_id, a.addressed_to_role, a.raised_at,
  to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS raised_key, a.due_at, a.acknowledged_at,
  a.resolved_at, a.resolution, a.level, a.stage, a.version, d.rule_code`;

const STATUS_SQL: Record<AlertStatusFilter, string> = {
  OPEN: 'a.acknowledged_at IS NULL AND a.resolved_at IS NULL',
  ACKNOWLEDGED: 'a.acknowledged_at IS NOT NULL',
  RESOLVED: 'a.acknowledged_at IS NULL AND a.resolved_at IS NOT NULL',
  ALL: 'TRUE',
};

/**
 * Alerts addressed to the caller's agency and one of the caller's roles. One about a child is
 * shown only while the caller may read alerts in that child's case (decided in SQL).
 */
export class AlertService {
  async list(ctx: RequestContext, status: AlertStatusFilter, first: number, after?: string): Promise<AlertConnection> {
    const resource = 'query:alerts';
    if (!ctx.access.canAtAll('read', 'Alert')) {
      ctx.audit.denied([], 'NOT_PERMITTED', resource);
      throw new ForbiddenError('Your role does not receive alerts');
    }
    checkPageSize(first, 100);
    const db = await ctx.tx.manager();
    const acl = ctx.access.childCondition('read', 'Alert');
    const where = `a.addressed_to_agency_id = CAST(:agencyId AS uuid) AND a.addressed_to_role = ANY(CAST(:roles AS text[]))
      AND (a.child_id IS NULL OR EXISTS (SELECT 1 FROM child c WHERE c.id = a.child_id AND ${acl.sql})) AND ${STATUS_SQL[status]}`;
    const params: Record<string, unknown> = { ...acl.params, agencyId: ctx.principal.agency.id, roles: ctx.principal.roles };
    let keyset = '';
    if (after) {
      const [at, id] = decodeCursor(after, ['string', 'string']) as [string, string];
      if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new ValidationError('after', 'is not a cursor this list gave out');
      keyset = ' AND (a.raised_at, a.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))';
      Object.assign(params, { afterAt: at, afterId: id });
    }
    const from = `FROM alert a LEFT JOIN deadline d ON d.id = a.deadline_id WHERE ${where}`;
    const rows = await namedQuery<AlertRow>(db, `SELECT ${COLUMNS} ${from}${keyset} ORDER BY a.raised_at DESC, a.id DESC LIMIT :limit`, {
      ...params,
      limit: first + 1,
    });
    const [{ n }] = await namedQuery<{ n: number }>(db, `SELECT count(*)::int AS n ${from}`, params);
    const page = rows.slice(0, first);
    const nodes = await this.toAlerts(ctx, db, page, resource);
    const edges = page.map((row, i) => ({ cursor: encodeCursor([row.raised_key, row.id]), node: nodes[i] }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: n };
  }

  /** Idempotent: acknowledging an acknowledged alert returns it unchanged. */
  async acknowledge(ctx: RequestContext, id: string, version?: number): Promise<Alert> {
    const resource = `alert:${id}`;
    const db = await ctx.tx.manager();
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM alert a LEFT JOIN deadline d ON d.id = a.deadline_id
        WHERE a.id = $1 AND a.addressed_to_agency_id = $2 AND a.addressed_to_role = ANY($3::text[])`,
      [id, ctx.principal.agency.id, ctx.principal.roles],
    ) as AlertRow[];
    // An alert addressed to someone else is, to this caller, an alert that does not exist.
    if (!row) throw new NotFoundError('Alert');
    if (row.child_id) {
      await authoriseForChild(ctx, row.child_id, 'update', 'Alert', { resource, operation: 'ALTER' });
    } else if (!ctx.access.canAtAll('update', 'Alert')) {
      ctx.audit.denied([], 'NOT_PERMITTED', resource, [], 'ALTER');
      throw new ForbiddenError('You may not acknowledge alerts');
    }
    if (ctx.principal.kind !== 'user') throw new ForbiddenError('Only a named person may acknowledge an alert');
    const childIds = row.child_id ? [row.child_id] : [];
    if (row.acknowledged_at) {
      ctx.audit.record({ operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds, scopes: [], resource });
      return (await this.toAlerts(ctx, db, [row], resource))[0];
    }
    if (version !== undefined && version !== row.version) {
      throw new DomainError('CONFLICT', 'The alert changed since you read it; read it again', { currentVersion: row.version });
    }
    return ctx.tx.atomically(async (tx) => {
      await tx.query(
        `UPDATE alert SET acknowledged_at = $2::timestamptz, acknowledged_by_user_id = $3, version = version + 1
          WHERE id = $1 AND acknowledged_at IS NULL`,
        [id, ctx.access.clock.now, ctx.principal.id],
      );
      const [updated] = (await tx.query(`SELECT ${COLUMNS} FROM alert a LEFT JOIN deadline d ON d.id = a.deadline_id WHERE a.id = $1`, [
        id,
      ])) as AlertRow[];
      ctx.audit.record({ operation: 'ALTER', outcome: 'ALLOWED', reason: null, childIds, scopes: [], resource });
      return (await this.toAlerts(ctx, tx, [updated], resource))[0];
    });
  }

  /** Maps rows, attaching each child with the caller's access decision (null if the child is not visible). */
  private async toAlerts(ctx: RequestContext, db: EntityManager, rows: AlertRow[], resource: string): Promise<Alert[]> {
    const childIds = [...new Set(rows.map((r) => r.child_id).filter((c): c is string => !!c))];
    const decisions = await ctx.access.decide(db, childIds);
    const unseen = childIds.filter((c) => !decisions.get(c)?.visible);
    for (const childId of childIds) {
      const decision = decisions.get(childId);
      if (decision?.visible) ctx.audit.listed(decision, resource);
    }
    if (unseen.length) ctx.audit.record({ operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: unseen, scopes: [], resource });
    const rules = effectiveDeadlineRules(ctx.principal.consortium.settings);
    return rows.map((row) => {
      const decision = row.child_id ? decisions.get(row.child_id) : undefined;
      return {
        id: row.id,
        kind: row.kind,
        status: row.acknowledged_at ? AlertStatus.ACKNOWLEDGED : row.resolved_at ? AlertStatus.RESOLVED : AlertStatus.OPEN,
        title: titleOf(row, rules.find((r) => r.code === row.rule_code)?.title),
        child: decision?.visible ? withChildAccess({ id: decision.childId }, decision) : null,
        ruleCode: row.rule_code,
        stage: row.stage,
        level: row.level,
        addressedToRole: row.addressed_to_role,
        addressedTo: agencyRef(row.addressed_to_agency_id),
        raisedAt: row.raised_at,
        dueAt: row.due_at,
        acknowledgedAt: row.acknowledged_at,
        resolvedAt: row.resolved_at,
        resolution: row.resolution,
        version: row.version,
      };
    });
  }
}

function titleOf(row: AlertRow, ruleTitle: string | undefined): string {
  const words = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
  if (row.rule_code && row.stage) return `${ruleTitle ?? words(row.rule_code)}: ${words(row.stage).toLowerCase()}`;
  return words(row.kind);
}
