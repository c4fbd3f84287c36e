import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccommodationType } from './accommodation.enums';

/** The child's confirmed release address (accommodation scope); at most one current per child. */
@Entity('release_address')
export class ReleaseAddressEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'offer_id' }) offerId: string;
  @Column('text', { name: 'address_line1' }) addressLine1: string;
  @Column('text', { name: 'address_line2', nullable: true }) addressLine2: string | null;
  @Column('text') town: string;
  @Column('text') postcode: string;
  @Column('text', { name: 'accommodation_type' }) accommodationType: AccommodationType;
  @Column('date', { name: 'available_from' }) availableFrom: string;
  @Column('uuid', { name: 'confirmed_by_agency_id' }) confirmedByAgencyId: string;
  @Column('uuid', { name: 'confirmed_by_user_id', nullable: true }) confirmedByUserId: string | null;
  @Column('uuid', { name: 'confirmed_by_client_id', nullable: true }) confirmedByClientId: string | null;
  @Column('timestamptz', { name: 'confirmed_at' }) confirmedAt: Date;
  @Column('timestamptz', { name: 'superseded_at', nullable: true }) supersededAt: Date | null;
  @Column('text', { name: 'superseded_reason', nullable: true }) supersededReason: string | null;
}
