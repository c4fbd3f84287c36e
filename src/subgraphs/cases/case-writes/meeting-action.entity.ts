import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Pathway } from '../case.enums';
import type { MeetingActionStatus } from './case-writes.enums';

/** An action agreed at a meeting, owned by one agency (and role), due on a date; reviewed at the next panel. */
@Entity('meeting_action')
export class MeetingActionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'meeting_id' }) meetingId: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  /** Order in which the meeting agreed its actions, from 1. */
  @Column('integer') position: number;
  @Column('text') description: string;
  @Column('text', { nullable: true }) pathway: Pathway | null;
  @Column('uuid', { name: 'owner_agency_id' }) ownerAgencyId: string;
  @Column('text', { name: 'owner_role' }) ownerRole: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('text') status: MeetingActionStatus;
  @Column('date', { name: 'completed_on', nullable: true }) completedOn: string | null;
  @Column('text', { name: 'status_note', nullable: true }) statusNote: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  // Plain column, not @VersionColumn: writes bump it themselves in `UPDATE … WHERE version = $expected`.
  @Column('integer') version: number;
}
