import type { EntityManager } from 'typeorm';
import type { CaseParties } from './deadline-alerts';
import type { DeadlineRule } from './deadline-rules.schema';
import type { DeadlineEntity } from './deadline.entity';

export interface EpisodeRow {
  id: string;
  childId: string;
  sentenceType: string | null;
  sentenceDate: string | null;
  entryDate: string;
  releaseDate: string | null;
  actualReleaseDate: string | null;
}

/** Rows of one kind of evidence, each with the instant (JSON text) it happened at. */
export type EvidenceJson<T> = (T & { at: string })[];

/** An alert of one of the child's deadlines, as the alert sync would find it. */
export interface ExistingAlert {
  deadlineId: string;
  key: string;
  resolved: boolean;
  acknowledged: boolean;
}

/** Everything one recompute reads, read under its lock (the stored function `deadline_recompute_inputs`). */
export interface DeadlineInputs {
  /** The episode deadlines follow: the open one, or else the latest (as Child.caseManagement shows). */
  episode: EpisodeRow | null;
  deadlines: DeadlineEntity[];
  alerts: ExistingAlert[];
  /** The rest is null without an episode. */
  meetings: EvidenceJson<{ kind: string }> | null;
  /** The latest update of each pathway a rule reads the status of. */
  latest: EvidenceJson<{ pathway: string; status: string }> | null;
  details: EvidenceJson<{ pathway: string; key: string }> | null;
  parties: CaseParties | null;
  /** The evidence asked for (evidenceArguments): the rules the inputs can be used with. */
  readFor: EvidenceArguments;
}

export type EvidenceArguments = [statusPathways: string[], detailPathways: string[], detailKeys: string[]];

/**
 * What the evidence looks for, as the function's array arguments: the pathways whose latest status
 * a rule reads, and each pathway detail a rule asks about (pathway and key).
 */
export function evidenceArguments(rules: DeadlineRule[]): EvidenceArguments {
  const statusPathways = [...new Set(rules.flatMap((r) => ('pathwayStatus' in r.metBy ? [r.metBy.pathwayStatus.pathway] : [])))];
  const details = rules.flatMap((r) => ('pathwayDetail' in r.metBy ? [r.metBy.pathwayDetail] : []));
  return [statusPathways, details.map((d) => d.pathway), details.map((d) => d.key)];
}

/** Takes the child's recompute lock and reads the inputs, in one statement. */
export async function loadDeadlineInputs(db: EntityManager, childId: string, rules: DeadlineRule[]): Promise<DeadlineInputs> {
  const evidence = evidenceArguments(rules);
  const [row]: { inputs: RawInputs }[] = await db.query('SELECT deadline_recompute_inputs($1, $2, $3, $4) AS inputs', [childId, ...evidence]);
  return deadlineInputsOf(row.inputs, evidence);
}

type RawDeadline = Omit<DeadlineEntity, 'metAt' | 'computedAt' | 'createdAt'> & { metAt: string | null; computedAt: string; createdAt: string };
export type RawInputs = Omit<DeadlineInputs, 'deadlines' | 'readFor'> & { deadlines: RawDeadline[] };

/** The function's JSON with its instants as Dates, as TypeORM would load the entity, and the evidence it was asked for. */
export function deadlineInputsOf(raw: RawInputs, readFor: EvidenceArguments): DeadlineInputs {
  const deadlines = raw.deadlines.map((d) => ({
    ...d, metAt: d.metAt === null ? null : new Date(d.metAt), computedAt: new Date(d.computedAt), createdAt: new Date(d.createdAt),
  }));
  return { ...raw, deadlines, readFor };
}
