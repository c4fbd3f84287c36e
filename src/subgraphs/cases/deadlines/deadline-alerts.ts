import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DeadlineStatus, StageReached } from './deadline-calculator';
import type { ExistingAlert } from './deadline-inputs';
import type { Addressee, AlertStage, CaseAgency } from './deadline-rules.schema';

/** The agencies of one child's case that deadline alerts may be addressed to. */
export type CaseParties = Record<CaseAgency, string | null>;

export interface DeadlineAlertTarget {
  deadlineId: string;
  childId: string;
  dueOn: string;
  status: DeadlineStatus;
  /** The stage to be raised now, or null when no alert should stay open. */
  stage: StageReached | null;
}

/** A few stable kinds for consumers; the rule's own stage name is kept beside it. */
export function alertKindOf(stage: AlertStage): 'DEADLINE_DUE_SOON' | 'DEADLINE_MISSED' | 'DEADLINE_ESCALATED' {
  if (stage.at === 'MISSED') return 'DEADLINE_MISSED';
  return 'workingDaysBeforeDue' in stage.at ? 'DEADLINE_DUE_SOON' : 'DEADLINE_ESCALATED';
}

/** What "once" means: one alert per deadline, stage, due date and addressee. */
export function deadlineAlertKey(deadlineId: string, stage: string, dueOn: string, addressee: { agencyId: string; role: string }): string {
  return `deadline:${deadlineId}:${stage}:${dueOn}:${addressee.agencyId}:${addressee.role}`;
}

/** A deadline whose alerts are to be brought in line, with the case's agencies to address (null: none are raised). */
export interface DeadlineAlertSync {
  target: DeadlineAlertTarget;
  parties: CaseParties | null;
}

/**
 * Brings deadlines' alerts in line with their state, in two statements whatever their number:
 * raises each current stage's alerts (a key already raised is never raised again; one resolved
 * meanwhile is reopened, so moving a date away and back does not duplicate it), then resolves the
 * other unacknowledged alerts of those deadlines (met, cancelled, or superseded by a later stage
 * or a new due date). Returns how many were raised. `existing` (the deadlines' alerts, read under the
 * recompute's lock) tells when they are already in line, which needs no statement at all.
 */
export async function syncDeadlineAlerts(db: EntityManager, syncs: DeadlineAlertSync[], existing: ExistingAlert[]): Promise<number> {
  if (syncs.length === 0) return 0;
  const alerts = syncs.flatMap(({ target, parties }) => {
    if (!target.stage || !parties) return [];
    const { stage, level } = target.stage;
    return resolveAddressees(stage.notify, parties).map((addressee) => ({
      id: randomUUID(), kind: alertKindOf(stage), childId: target.childId, agencyId: addressee.agencyId, role: addressee.role,
      deadlineId: target.deadlineId, dueOn: target.dueOn, key: deadlineAlertKey(target.deadlineId, stage.stage, target.dueOn, addressee),
      level, stage: stage.stage,
    }));
  });
  if (alreadyInLine(alerts.map((a) => a.key), syncs, existing)) return 0;
  const resolutionOf = (status: DeadlineStatus) => (status === 'MET' ? 'MET' : status === 'CANCELLED' ? 'CANCELLED' : 'SUPERSEDED');
  const column = <K extends keyof (typeof alerts)[number]>(k: K) => alerts.map((a) => a[k]);
  // Alerts due now are raised (or reopened); the deadlines' other open alerts are resolved. The two
  // touch disjoint rows (by dedupe key), so they run as one statement.
  const [{ raised }]: { raised: number }[] = await db.query(
    `WITH raised AS (
       INSERT INTO alert (id, kind, child_id, addressed_to_agency_id, addressed_to_role, subject_type, subject_id, due_at,
                          dedupe_key, deadline_id, level, stage)
       SELECT a.id, a.kind, a.child_id, a.agency_id, a.role, 'deadline', a.deadline_id,
              (a.due_on + time '23:59:59') AT TIME ZONE 'Europe/London', a.dedupe_key, a.deadline_id, a.level, a.stage
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::date[], $8::text[], $9::int[], $10::text[])
              AS a(id, kind, child_id, agency_id, role, deadline_id, due_on, dedupe_key, level, stage)
       ON CONFLICT (dedupe_key) DO UPDATE SET resolved_at = NULL, resolution = NULL, version = alert.version + 1
         WHERE alert.resolved_at IS NOT NULL
       RETURNING (xmax = 0) AS inserted),
     resolved AS (
       UPDATE alert SET resolved_at = now(), resolution = t.resolution, version = alert.version + 1
         FROM unnest($11::uuid[], $12::text[]) AS t(deadline_id, resolution)
        WHERE alert.deadline_id = t.deadline_id AND alert.resolved_at IS NULL AND alert.acknowledged_at IS NULL
          AND NOT (alert.dedupe_key = ANY($8::text[]))
       RETURNING 1)
     SELECT (count(*) FILTER (WHERE inserted))::int AS raised FROM raised`,
    [column('id'), column('kind'), column('childId'), column('agencyId'), column('role'), column('deadlineId'), column('dueOn'),
      column('key'), column('level'), column('stage'), syncs.map((s) => s.target.deadlineId), syncs.map((s) => resolutionOf(s.target.status))],
  );
  return raised;
}

/** Every alert due is open, and no other open, unacknowledged alert of these deadlines is left to resolve. */
function alreadyInLine(due: string[], syncs: DeadlineAlertSync[], existing: ExistingAlert[]): boolean {
  const open = new Set(existing.filter((a) => !a.resolved).map((a) => a.key));
  if (!due.every((key) => open.has(key))) return false;
  const wanted = new Set(due);
  const synced = new Set(syncs.map((s) => s.target.deadlineId));
  return !existing.some((a) => synced.has(a.deadlineId) && !a.resolved && !a.acknowledged && !wanted.has(a.key));
}

function resolveAddressees(notify: Addressee[], parties: CaseParties): { agencyId: string; role: string }[] {
  const seen = new Set<string>();
  const found: { agencyId: string; role: string }[] = [];
  for (const { role, agency } of notify) {
    const agencyId = parties[agency];
    // A case without that agency (e.g. no children's services recorded) has nobody to tell there.
    if (!agencyId || seen.has(`${agencyId}:${role}`)) continue;
    seen.add(`${agencyId}:${role}`);
    found.push({ agencyId, role });
  }
  return found;
}
