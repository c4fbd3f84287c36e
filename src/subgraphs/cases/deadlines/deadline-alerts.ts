import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DeadlineStatus, StageReached } from './deadline-calculator';
import type { Addressee, AlertStage, CaseAgency } from './deadline-rules.schema';

/** The agencies of one child's case that deadline alerts may be addressed to. */
export type CaseParties = Record<CaseAgency, string | null>;

export async function loadCaseParties(db: EntityManager, childId: string, episodeId: string): Promise<CaseParties> {
  const [row] = await db.query(
    `SELECT c.home_yjs_agency_id AS "HOME_YJS",
            (SELECT a.id FROM agency a WHERE a.consortium_id = c.consortium_id AND a.type = 'CHILDRENS_SERVICES' AND a.active
                AND a.local_authority_code = c.home_local_authority_code ORDER BY a.code LIMIT 1) AS "HOME_CHILDRENS_SERVICES",
            (SELECT e.establishment_agency_id FROM custody_episode e WHERE e.id = $2 AND e.status = 'IN_CUSTODY') AS "CURRENT_ESTABLISHMENT",
            (SELECT a.id FROM agency a WHERE a.consortium_id = c.consortium_id AND a.type = 'CONSORTIUM_TEAM' AND a.active
              ORDER BY a.code LIMIT 1) AS "CONSORTIUM_TEAM"
       FROM child c WHERE c.id = $1`,
    [childId, episodeId],
  );
  if (!row) throw new Error(`no child ${childId}`);
  return row;
}

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

/**
 * Brings a deadline's alerts in line with its state: raises the current stage's alerts (a key
 * already raised is never raised again; one resolved meanwhile is reopened, so moving a date away
 * and back does not duplicate it), then resolves the other unacknowledged alerts of the deadline
 * (met, cancelled, or superseded by a later stage or a new due date). Returns how many were raised.
 */
export async function syncDeadlineAlerts(db: EntityManager, target: DeadlineAlertTarget, parties: CaseParties | null): Promise<number> {
  const keys: string[] = [];
  let raised = 0;
  if (target.stage && parties) {
    const { stage, level } = target.stage;
    for (const addressee of resolveAddressees(stage.notify, parties)) {
      const key = deadlineAlertKey(target.deadlineId, stage.stage, target.dueOn, addressee);
      keys.push(key);
      const rows: { inserted: boolean }[] = await db.query(
        `INSERT INTO alert (id, kind, child_id, addressed_to_agency_id, addressed_to_role, subject_type, subject_id, due_at,
                            dedupe_key, deadline_id, level, stage)
         VALUES ($1, $2, $3, $4, $5, 'deadline', $6, ($7::date + time '23:59:59') AT TIME ZONE 'Europe/London', $8, $6, $9, $10)
         ON CONFLICT (dedupe_key) DO UPDATE SET resolved_at = NULL, resolution = NULL, version = alert.version + 1
           WHERE alert.resolved_at IS NOT NULL
         RETURNING (xmax = 0) AS inserted`,
        [randomUUID(), alertKindOf(stage), target.childId, addressee.agencyId, addressee.role, target.deadlineId, target.dueOn,
          key, level, stage.stage],
      );
      if (rows[0]?.inserted) raised += 1;
    }
  }
  const resolution = target.status === 'MET' ? 'MET' : target.status === 'CANCELLED' ? 'CANCELLED' : 'SUPERSEDED';
  await db.query(
    `UPDATE alert SET resolved_at = now(), resolution = $2, version = version + 1
      WHERE deadline_id = $1 AND resolved_at IS NULL AND acknowledged_at IS NULL AND NOT (dedupe_key = ANY($3::text[]))`,
    [target.deadlineId, resolution, keys],
  );
  return raised;
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
