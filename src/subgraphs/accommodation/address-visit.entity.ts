import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AddressSuitability } from './accommodation.enums';

/** Append-only: a visit to an offered address and the suitability found. */
@Entity('address_visit')
export class AddressVisitEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'offer_id' }) offerId: string;
  @Column('date', { name: 'visited_on' }) visitedOn: string;
  @Column('text') suitability: AddressSuitability;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'visited_by_agency_id' }) visitedByAgencyId: string;
  @Column('uuid', { name: 'recorded_by_user_id', nullable: true }) recordedByUserId: string | null;
  @Column('uuid', { name: 'recorded_by_client_id', nullable: true }) recordedByClientId: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
