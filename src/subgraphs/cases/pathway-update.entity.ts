import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Pathway, PathwayStatus } from './case.enums';

/** Append-only: a pathway's current state is its latest update. */
@Entity('pathway_update')
export class PathwayUpdateEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('text') pathway: Pathway;
  @Column('text') status: PathwayStatus;
  @Column('text') summary: string;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('uuid', { name: 'responsible_agency_id' }) responsibleAgencyId: string;
  @Column('uuid', { name: 'recorded_by_user_id', nullable: true }) recordedByUserId: string | null;
  @Column('uuid', { name: 'recorded_by_client_id', nullable: true }) recordedByClientId: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
