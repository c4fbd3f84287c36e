import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RotlDecision, RotlOutcome, RotlPurpose, RotlStatus } from './case-writes.enums';

/** A request for release on temporary licence: requested, decided by the establishment, then its outcome. */
@Entity('rotl_request')
export class RotlRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'custody_episode_id' }) custodyEpisodeId: string;
  @Column('text') purpose: RotlPurpose;
  @Column('date', { name: 'requested_from' }) requestedFrom: string;
  @Column('date', { name: 'requested_until' }) requestedUntil: string;
  @Column('text') details: string;
  @Column('uuid', { name: 'requested_by_agency_id' }) requestedByAgencyId: string;
  @Column('uuid', { name: 'requested_by_user_id', nullable: true }) requestedByUserId: string | null;
  @Column('uuid', { name: 'requested_by_client_id', nullable: true }) requestedByClientId: string | null;
  @Column('text') status: RotlStatus;
  @Column('text', { nullable: true }) decision: RotlDecision | null;
  @Column('date', { name: 'decided_on', nullable: true }) decidedOn: string | null;
  @Column('uuid', { name: 'decided_by_agency_id', nullable: true }) decidedByAgencyId: string | null;
  @Column('text', { name: 'decision_reason', nullable: true }) decisionReason: string | null;
  @Column('text', { nullable: true }) outcome: RotlOutcome | null;
  @Column('date', { name: 'outcome_recorded_on', nullable: true }) outcomeRecordedOn: string | null;
  @Column('text', { name: 'outcome_note', nullable: true }) outcomeNote: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
