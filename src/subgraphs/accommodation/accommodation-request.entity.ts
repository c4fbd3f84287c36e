import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccommodationRequestStatus, PlacementLicenceCondition, PlacementRestriction, SupportLevel } from './accommodation.enums';

/** What a placement must respect, never why (stored as jsonb). */
export interface PlacementRisks {
  exclusionZones: string[];
  licenceConditions: { kind: PlacementLicenceCondition; detail: string | null }[];
  restrictions: PlacementRestriction[];
}

/** Versions are bumped explicitly by the writes (never by TypeORM), so a stale write is a CONFLICT. */
@Entity('accommodation_request')
export class AccommodationRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'requested_by_agency_id' }) requestedByAgencyId: string;
  @Column('uuid', { name: 'requested_by_user_id', nullable: true }) requestedByUserId: string | null;
  @Column('text') status: AccommodationRequestStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('date', { name: 'release_date', nullable: true }) releaseDate: string | null;
  @Column('text', { name: 'release_area', nullable: true }) releaseArea: string | null;
  @Column('text', { name: 'preferred_areas', array: true }) preferredAreas: string[];
  @Column('text', { name: 'child_wishes', nullable: true }) childWishes: string | null;
  @Column('text', { name: 'support_level' }) supportLevel: SupportLevel;
  @Column('text', { name: 'support_needs', array: true }) supportNeeds: string[];
  @Column('jsonb', { name: 'placement_risks' }) placementRisks: PlacementRisks;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
