import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ConsortiumSettings } from '../../../shared/policy/consortium-settings';
import { syncDeadlineAlerts, type CaseParties, type DeadlineAlertSync } from './deadline-alerts';
import { evaluateDeadline, type DeadlineState, type DeadlineStatus } from './deadline-calculator';
import type { DeadlineChangeKind } from './deadline-change.entity';
import { metTimes } from './deadline-evidence';
import { evidenceArguments, loadDeadlineInputs, type DeadlineInputs, type EpisodeRow } from './deadline-inputs';
import { effectiveDeadlineRules } from './deadline-rules.loader';
import type { DeadlineRule } from './deadline-rules.schema';
import { DeadlineEntity } from './deadline.entity';

/**
 * Recomputes a child's deadlines from the dates of its current custody episode as they stand now,
 * records every move and change of status, and raises the alerts now due (exactly once each).
 * Call it after changing a sentence, entry or release date, or a record that meets a deadline
 * (a meeting held, a pathway update). `today` is the England date the clocks are read at.
 * Two recomputes of one child (a mutation and the job) take turns: `loadDeadlineInputs` takes
 * the child's lock before it reads. `inputs` already read (and the lock taken) by a write's own
 * stored function in this transaction save that statement.
 */
export async function recomputeDeadlines(
  db: EntityManager, childId: string, today: string, settings: ConsortiumSettings, inputs?: DeadlineInputs,
): Promise<void> {
  await recomputeWithRules(db, childId, today, effectiveDeadlineRules(settings), inputs);
}

/** The same, with the consortium's rules already worked out; returns how many alerts were raised. */
export async function recomputeWithRules(
  db: EntityManager, childId: string, today: string, rules: DeadlineRule[], inputs?: DeadlineInputs,
): Promise<number> {
  const inTransaction = db.queryRunner?.isTransactionActive === true;
  if (inputs && !inTransaction) throw new Error('deadline inputs are only valid in the transaction that read them');
  // Inputs read for other rules would lack evidence these rules need: a met deadline would reopen.
  if (inputs && JSON.stringify(inputs.readFor) !== JSON.stringify(evidenceArguments(rules))) {
    throw new Error('deadline inputs were read for other rules');
  }
  // Inside a request's transaction (whose write runs in a savepoint) it is already all or nothing.
  const atomically = <T>(work: (tx: EntityManager) => Promise<T>) => (inTransaction ? work(db) : db.transaction(work));
  return atomically(async (tx) => {
    const read = inputs ?? (await loadDeadlineInputs(tx, childId, rules));
    const { episode, deadlines: existing } = read;
    // Each deadline's alerts are brought in line together at the end: one statement, none if they already are.
    const syncs: DeadlineAlertSync[] = [];
    const add = (sync: DeadlineAlertSync | null) => sync && syncs.push(sync);
    // Deadlines of an episode that is no longer the current one stop counting and stop alerting.
    for (const row of existing.filter((d) => d.custodyEpisodeId !== episode?.id)) add(await retire(tx, row));
    if (episode) {
      const met = metTimes(read, rules);
      const parties = read.parties;
      if (!parties) throw new Error(`no child ${childId}`);
      const mine = existing.filter((d) => d.custodyEpisodeId === episode.id);
      for (const rule of rules) {
        const row = mine.find((d) => d.ruleCode === rule.code);
        const state = evaluateDeadline(rule, episode, met.get(rule.code) ?? null, today);
        add(state ? await apply(tx, episode, rule, row, state, met.get(rule.code) ?? null, parties) : await cancel(tx, row));
      }
      // A rule switched off in the consortium's settings no longer applies.
      for (const row of mine.filter((d) => !rules.some((r) => r.code === d.ruleCode))) add(await cancel(tx, row));
    }
    return syncDeadlineAlerts(tx, syncs, read.alerts);
  });
}

async function apply(
  db: EntityManager,
  episode: EpisodeRow,
  rule: DeadlineRule,
  row: DeadlineEntity | undefined,
  state: DeadlineState,
  metAt: Date | null,
  parties: CaseParties,
): Promise<DeadlineAlertSync> {
  const repo = db.getRepository(DeadlineEntity);
  if (!row) {
    row = repo.create({
      id: randomUUID(), childId: episode.childId, custodyEpisodeId: episode.id, ruleCode: rule.code, pathway: rule.pathway,
      anchor: rule.anchor, basisDate: state.basisDate, dueOn: state.dueOn, status: state.status, metAt,
      nextCheckOn: state.nextCheckOn, version: 1,
    });
    await repo.insert(row);
  } else {
    const moved = row.dueOn !== state.dueOn || row.basisDate !== state.basisDate;
    const statusChanged = row.status !== state.status;
    const changed = moved || statusChanged || row.nextCheckOn !== state.nextCheckOn || !sameInstant(row.metAt, metAt) ||
      row.pathway !== rule.pathway || row.anchor !== rule.anchor;
    if (moved) await recordChange(db, row, 'MOVED', state.basisDate, state.dueOn, state.status);
    if (statusChanged) await recordChange(db, row, statusChangeKind(state.status), state.basisDate, state.dueOn, state.status);
    if (changed) {
      await repo.update(
        { id: row.id },
        { pathway: rule.pathway, anchor: rule.anchor, basisDate: state.basisDate, dueOn: state.dueOn, status: state.status, metAt,
          nextCheckOn: state.nextCheckOn, computedAt: new Date(), version: row.version + 1 },
      );
    }
  }
  return { target: { deadlineId: row.id, childId: row.childId, dueOn: state.dueOn, status: state.status, stage: state.stage }, parties };
}

async function cancel(db: EntityManager, row: DeadlineEntity | undefined): Promise<DeadlineAlertSync | null> {
  if (!row || row.status === 'CANCELLED') return null;
  await recordChange(db, row, 'CANCELLED', row.basisDate, row.dueOn, 'CANCELLED');
  await db.getRepository(DeadlineEntity).update(
    { id: row.id },
    { status: 'CANCELLED', metAt: null, nextCheckOn: null, computedAt: new Date(), version: row.version + 1 },
  );
  return { target: { deadlineId: row.id, childId: row.childId, dueOn: row.dueOn, status: 'CANCELLED', stage: null }, parties: null };
}

/** An earlier episode's open deadline is cancelled; a missed one keeps its status but stops alerting. */
async function retire(db: EntityManager, row: DeadlineEntity): Promise<DeadlineAlertSync | null> {
  if (row.status === 'OPEN') return cancel(db, row);
  if (row.status !== 'MISSED' || row.nextCheckOn === null) return null;
  await db.getRepository(DeadlineEntity).update({ id: row.id }, { nextCheckOn: null, computedAt: new Date(), version: row.version + 1 });
  return { target: { deadlineId: row.id, childId: row.childId, dueOn: row.dueOn, status: 'MISSED', stage: null }, parties: null };
}

function statusChangeKind(status: DeadlineStatus): DeadlineChangeKind {
  return status === 'OPEN' ? 'REOPENED' : status;
}

function recordChange(db: EntityManager, row: DeadlineEntity, kind: DeadlineChangeKind, basisDate: string, dueOn: string, status: DeadlineStatus) {
  return db.query(
    `INSERT INTO deadline_change (id, deadline_id, child_id, kind, previous_basis_date, basis_date, previous_due_on, due_on,
                                  previous_status, status, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp())`,
    [randomUUID(), row.id, row.childId, kind, row.basisDate, basisDate, row.dueOn, dueOn, row.status, status],
  );
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a === null && b === null) || (a !== null && b !== null && a.getTime() === b.getTime());
}
