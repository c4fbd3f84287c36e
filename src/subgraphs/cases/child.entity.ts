import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { LookedAfterStatus, Sex } from './case.enums';

@Entity('child')
export class ChildEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'consortium_id' }) consortiumId: string;
  @Column('text', { name: 'given_name' }) givenName: string;
  @Column('text', { name: 'family_name' }) familyName: string;
  @Column('text', { name: 'preferred_name', nullable: true }) preferredName: string | null;
  @Column('date', { name: 'date_of_birth' }) dateOfBirth: string;
  @Column('text') sex: Sex;
  @Column('text', { nullable: true }) ethnicity: string | null;
  @Column('text', { name: 'home_local_authority_code' }) homeLocalAuthorityCode: string;
  @Column('uuid', { name: 'home_yjs_agency_id' }) homeYjsAgencyId: string;
  @Column('text', { name: 'looked_after_status' }) lookedAfterStatus: LookedAfterStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
