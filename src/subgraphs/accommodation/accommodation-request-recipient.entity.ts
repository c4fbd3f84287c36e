import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A housing provider a request is addressed to; its access to the child ends with `access_ends_at`. */
@Entity('accommodation_request_recipient')
export class AccommodationRequestRecipientEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'provider_agency_id' }) providerAgencyId: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'access_ends_at', nullable: true }) accessEndsAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
