import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A time-limited disclosure of one scope without consent, authorised by a named professional. */
@Entity('sharing_without_consent')
export class SharingWithoutConsentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('text') scope: string;
  @Column('uuid', { name: 'recipient_agency_id' }) recipientAgencyId: string;
  @Column('text') reason: string;
  @Column('text', { name: 'legal_basis' }) legalBasis: string;
  @Column('uuid', { name: 'authorised_by_user_id' }) authorisedByUserId: string;
  @Column('uuid', { name: 'authorised_by_agency_id' }) authorisedByAgencyId: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
