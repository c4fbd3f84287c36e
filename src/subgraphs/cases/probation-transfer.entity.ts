import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A child's move to adult probation; while open, probation is in the case. */
@Entity('probation_transfer')
export class ProbationTransferEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'probation_agency_id' }) probationAgencyId: string;
  @Column('text') status: 'REFERRED' | 'JOINT_WORKING' | 'HANDED_OVER' | 'CANCELLED';
  @Column('date', { name: 'referred_on' }) referredOn: string;
  @Column('date', { name: 'handover_on', nullable: true }) handoverOn: string | null;
  @Column('date', { name: 'yjs_contingency_until', nullable: true }) yjsContingencyUntil: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
