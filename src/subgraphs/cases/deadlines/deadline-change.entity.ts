import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineStatus } from './deadline-calculator';

export type DeadlineChangeKind = 'MOVED' | 'MET' | 'MISSED' | 'REOPENED' | 'CANCELLED';

/** Append-only: each move of a deadline's due date and each change of its status. */
@Entity('deadline_change')
export class DeadlineChangeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'deadline_id' }) deadlineId: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('text') kind: DeadlineChangeKind;
  @Column('date', { name: 'previous_basis_date' }) previousBasisDate: string;
  @Column('date', { name: 'basis_date' }) basisDate: string;
  @Column('date', { name: 'previous_due_on' }) previousDueOn: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('text', { name: 'previous_status' }) previousStatus: DeadlineStatus;
  @Column('text') status: DeadlineStatus;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
