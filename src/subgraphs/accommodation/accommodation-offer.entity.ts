import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccommodationType, OfferStatus } from './accommodation.enums';

@Entity('accommodation_offer')
export class AccommodationOfferEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'recipient_id' }) recipientId: string;
  @Column('uuid', { name: 'provider_agency_id' }) providerAgencyId: string;
  @Column('uuid', { name: 'made_by_user_id', nullable: true }) madeByUserId: string | null;
  @Column('uuid', { name: 'made_by_client_id', nullable: true }) madeByClientId: string | null;
  @Column('text', { name: 'address_line1' }) addressLine1: string;
  @Column('text', { name: 'address_line2', nullable: true }) addressLine2: string | null;
  @Column('text') town: string;
  @Column('text') postcode: string;
  @Column('text', { name: 'accommodation_type' }) accommodationType: AccommodationType;
  @Column('date', { name: 'available_from' }) availableFrom: string;
  @Column('text', { nullable: true }) conditions: string | null;
  @Column('date', { name: 'hold_until', nullable: true }) holdUntil: string | null;
  @Column('text') status: OfferStatus;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  /** Once the provider's part ends it sees its own offer (and nothing of the child) until then. */
  @Column('timestamptz', { name: 'provider_visible_until', nullable: true }) providerVisibleUntil: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
