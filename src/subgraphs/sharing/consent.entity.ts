import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One consent: a child (or carer) agreeing that one scope reaches one recipient. Only withdrawal changes it. */
@Entity('consent')
export class ConsentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('text') scope: string;
  @Column('uuid', { name: 'recipient_agency_id', nullable: true }) recipientAgencyId: string | null;
  @Column('text', { name: 'recipient_agency_type', nullable: true }) recipientAgencyType: string | null;
  @Column('text', { name: 'given_by' }) givenBy: string;
  @Column('timestamptz', { name: 'given_at' }) givenAt: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('text') explanation: string;
  @Column('text', { name: 'evidence_reference', nullable: true }) evidenceReference: string | null;
  @Column('uuid', { name: 'recorded_by_user_id', nullable: true }) recordedByUserId: string | null;
  @Column('uuid', { name: 'recorded_by_client_id', nullable: true }) recordedByClientId: string | null;
  @Column('uuid', { name: 'recorded_by_agency_id' }) recordedByAgencyId: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column('uuid', { name: 'withdrawn_by_user_id', nullable: true }) withdrawnByUserId: string | null;
  @Column('uuid', { name: 'withdrawn_by_client_id', nullable: true }) withdrawnByClientId: string | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
}
