import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Something a role at an agency must look at; `dedupe_key` makes raising it idempotent. */
@Entity('alert')
export class AlertEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: string;
  @Column('uuid', { name: 'child_id', nullable: true }) childId: string | null;
  @Column('uuid', { name: 'addressed_to_agency_id' }) addressedToAgencyId: string;
  @Column('text', { name: 'addressed_to_role' }) addressedToRole: string;
  @Column('text', { name: 'subject_type', nullable: true }) subjectType: string | null;
  @Column('uuid', { name: 'subject_id', nullable: true }) subjectId: string | null;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt: Date;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('text', { name: 'dedupe_key' }) dedupeKey: string;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column('uuid', { name: 'acknowledged_by_user_id', nullable: true }) acknowledgedByUserId: string | null;
}
