import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { MeetingKind, MeetingStatus } from './case.enums';

export interface MeetingAttendee {
  name: string;
  role: string;
  agencyId?: string;
}

@Entity('meeting')
export class MeetingEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'custody_episode_id', nullable: true }) custodyEpisodeId: string | null;
  @Column('text') kind: MeetingKind;
  @Column('text') status: MeetingStatus;
  @Column('timestamptz', { name: 'scheduled_for' }) scheduledFor: Date;
  @Column('timestamptz', { name: 'held_at', nullable: true }) heldAt: Date | null;
  @Column('text', { nullable: true }) location: string | null;
  @Column('uuid', { name: 'organised_by_agency_id' }) organisedByAgencyId: string;
  @Column('jsonb') attendees: MeetingAttendee[];
  @Column('text', { nullable: true }) decisions: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
