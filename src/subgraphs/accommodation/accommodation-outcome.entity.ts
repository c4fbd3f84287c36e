import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccommodationOutcome } from './accommodation.enums';

/** Append-only: where the child lived on release, counted for the consortium board. */
@Entity('accommodation_outcome')
export class AccommodationOutcomeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'release_address_id', nullable: true }) releaseAddressId: string | null;
  @Column('text') outcome: AccommodationOutcome;
  @Column('date', { name: 'released_on' }) releasedOn: string;
  @Column('uuid', { name: 'recorded_by_agency_id' }) recordedByAgencyId: string;
  @Column('uuid', { name: 'recorded_by_user_id', nullable: true }) recordedByUserId: string | null;
  @Column('uuid', { name: 'recorded_by_client_id', nullable: true }) recordedByClientId: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
