import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

@Entity('accommodation_request')
export class AccommodationRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'requested_by_agency_id' }) requestedByAgencyId: string;
  @Column('uuid', { name: 'requested_by_user_id', nullable: true }) requestedByUserId: string | null;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
