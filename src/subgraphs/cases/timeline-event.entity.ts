import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event on a child's timeline; `scope` decides who may see it, `payload` holds ids and codes only. */
@Entity('timeline_event')
export class TimelineEventEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text') kind: string;
  @Column('text') scope: string;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @Column('text', { name: 'subject_type', nullable: true }) subjectType: string | null;
  @Column('uuid', { name: 'subject_id', nullable: true }) subjectId: string | null;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
