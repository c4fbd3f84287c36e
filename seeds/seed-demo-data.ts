import type { DataSource } from 'typeorm';
import { LOCK_SEEDS, withAdvisoryLock } from '../src/shared/db/advisory-lock';
import { parseConsortiumSettings } from '../src/shared/policy/consortium-settings';
import { recomputeDeadlines } from '../src/subgraphs/cases/deadlines/deadline-recompute';
import { todayIso } from './calendar';
import { AGENCIES, CONSORTIUM, CONSORTIUM_ID, LOCAL_AUTHORITIES } from './demo-consortium';
import { buildDemoCases } from './demo-children';
import { buildDemoSharing } from './demo-sharing';
import { DEMO_CLIENTS, DEMO_USERS } from './demo-users';
import { upsertRows } from './upsert';

export interface SeedSummary {
  agencies: number;
  users: number;
  children: number;
}

/**
 * Loads the South & West Yorkshire demo consortium. Idempotent: reference data is brought up to
 * date, case records that already exist are left as they are. One transaction: all or nothing.
 */
export async function seedDemoData(db: DataSource, today = todayIso()): Promise<SeedSummary> {
  const cases = buildDemoCases(today);
  const sharing = buildDemoSharing(today, cases);
  await withAdvisoryLock(db, LOCK_SEEDS, () =>
    db.transaction(async (tx) => {
      await upsertRows(tx, 'consortium', [CONSORTIUM], 'update');
      await tx.query(
        `INSERT INTO local_authority (code, name, consortium_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, consortium_id = EXCLUDED.consortium_id`,
        [LOCAL_AUTHORITIES.map((la) => la.code), LOCAL_AUTHORITIES.map((la) => la.name), LOCAL_AUTHORITIES.map(() => CONSORTIUM_ID)],
      );
      await upsertRows(tx, 'agency', AGENCIES.map((a) => ({ ...a, consortium_id: CONSORTIUM_ID })), 'update');
      await upsertRows(tx, 'staff_user', DEMO_USERS.map(({ description: _d, ...u }) => u), 'update');
      await upsertRows(tx, 'machine_client', DEMO_CLIENTS, 'update');
      await upsertRows(tx, 'child', cases.children, 'keep');
      await upsertRows(tx, 'custody_episode', cases.custodyEpisodes, 'keep');
      await upsertRows(tx, 'establishment_transfer', cases.transfers, 'keep');
      await upsertRows(tx, 'release_date_change', cases.releaseDateChanges, 'keep');
      await upsertRows(tx, 'pathway_update', cases.pathwayUpdates, 'keep');
      await upsertRows(tx, 'meeting', cases.meetings, 'keep');
      await upsertRows(tx, 'timeline_event', cases.timelineEvents, 'keep');
      await upsertRows(tx, 'consent', sharing.consents, 'keep');
      await upsertRows(tx, 'case_involvement', sharing.involvements, 'keep');
      await upsertRows(tx, 'probation_transfer', sharing.probationTransfers, 'keep');
      await upsertRows(tx, 'accommodation_request', sharing.accommodationRequests, 'keep');
      await upsertRows(tx, 'accommodation_request_recipient', sharing.accommodationRecipients, 'keep');
      await upsertRows(tx, 'data_request', sharing.dataRequests, 'keep');
      // Deadlines (and the alerts already due) as of today, so the demo has live and overdue clocks.
      const [{ settings }] = await tx.query('SELECT settings FROM consortium WHERE id = $1', [CONSORTIUM_ID]);
      for (const child of cases.children) await recomputeDeadlines(tx, String(child.id), today, parseConsortiumSettings(settings));
    }),
  );
  return { agencies: AGENCIES.length, users: DEMO_USERS.length, children: cases.children.length };
}
