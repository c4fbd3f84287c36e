import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReleaseDateChangeReason, ReleaseType } from './case.enums';

/** One row per change of a custody episode's release date: the history is never rewritten. */
@Entity('release_date_change')
export class ReleaseDateChangeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'custody_episode_id' }) custodyEpisodeId: string;
  @Column('date', { name: 'previous_release_date', nullable: true }) previousReleaseDate: string | null;
  @Column('date', { name: 'new_release_date' }) newReleaseDate: string;
  @Column('text', { name: 'previous_release_type', nullable: true }) previousReleaseType: ReleaseType | null;
  @Column('text', { name: 'new_release_type' }) newReleaseType: ReleaseType;
  @Column('text', { name: 'reason_code' }) reasonCode: ReleaseDateChangeReason;
  @Column('text') reason: string;
  @Column('uuid', { name: 'responsible_agency_id' }) responsibleAgencyId: string;
  @Column('uuid', { name: 'changed_by_user_id', nullable: true }) changedByUserId: string | null;
  @Column('uuid', { name: 'changed_by_client_id', nullable: true }) changedByClientId: string | null;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
