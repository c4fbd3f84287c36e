import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../shared/auth/request-context';

export interface NewAlert {
  kind: string;
  childId: string | null;
  role: string;
  /** Defaults to the consortium team (where the DPO and link workers sit). */
  agencyId?: string;
  subjectType: string;
  subjectId: string;
  dedupeKey: string;
  dueAt?: Date;
}

/** Raises an alert once: a second raise with the same dedupe key does nothing. */
export async function raiseAlert(db: EntityManager, ctx: RequestContext, alert: NewAlert): Promise<void> {
  const agencyId =
    alert.agencyId ??
    (
      await db.query(`SELECT id FROM agency WHERE consortium_id = $1 AND type = 'CONSORTIUM_TEAM' AND active ORDER BY code LIMIT 1`, [
        ctx.principal.consortium.id,
      ])
    )[0]?.id;
  if (!agencyId) throw new Error('the consortium has no team to address alerts to');
  await db.query(
    `INSERT INTO alert (id, kind, child_id, addressed_to_agency_id, addressed_to_role, subject_type, subject_id, due_at, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING`,
    [randomUUID(), alert.kind, alert.childId, agencyId, alert.role, alert.subjectType, alert.subjectId, alert.dueAt ?? null, alert.dedupeKey],
  );
}
