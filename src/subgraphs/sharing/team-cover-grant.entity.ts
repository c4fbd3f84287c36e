import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A colleague's time-limited access to one child's case, granted with a reason. */
@Entity('team_cover_grant')
export class TeamCoverGrantEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'grantee_user_id' }) granteeUserId: string;
  @Column('uuid', { name: 'granted_by_user_id' }) grantedByUserId: string;
  @Column('uuid', { name: 'granted_by_agency_id' }) grantedByAgencyId: string;
  @Column('text') reason: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
