import type { EntityManager } from 'typeorm';
import type { ProbationTransferStatus } from './case-writes.enums';

/** probation_transfer as this module reads it (the shared entity predates the transition columns). */
export interface ProbationTransferRow {
  id: string;
  child_id: string;
  probation_agency_id: string;
  referred_by_agency_id: string | null;
  status: ProbationTransferStatus;
  referred_on: string;
  joint_working_from: string | null;
  handover_on: string | null;
  yjs_contingency_until: string | null;
  cancelled_on: string | null;
  version: number;
}

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${column}`;

export const PROBATION_TRANSFER_COLUMNS = [
  'id', 'child_id', 'probation_agency_id', 'referred_by_agency_id', 'status', day('referred_on'), day('joint_working_from'),
  day('handover_on'), day('yjs_contingency_until'), day('cancelled_on'), 'version',
].join(', ');

export async function probationTransferById(db: EntityManager, id: string): Promise<ProbationTransferRow | undefined> {
  const rows: ProbationTransferRow[] = await db.query(`SELECT ${PROBATION_TRANSFER_COLUMNS} FROM probation_transfer WHERE id = $1`, [id]);
  return rows[0];
}

export async function probationTransfersOf(db: EntityManager, childIds: readonly string[]): Promise<ProbationTransferRow[]> {
  return db.query(
    `SELECT ${PROBATION_TRANSFER_COLUMNS} FROM probation_transfer WHERE child_id = ANY($1::uuid[]) ORDER BY referred_on DESC, id`,
    [childIds],
  );
}
