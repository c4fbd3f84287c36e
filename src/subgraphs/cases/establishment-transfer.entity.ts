import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('establishment_transfer')
export class EstablishmentTransferEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'custody_episode_id' }) custodyEpisodeId: string;
  @Column('uuid', { name: 'from_agency_id' }) fromAgencyId: string;
  @Column('uuid', { name: 'to_agency_id' }) toAgencyId: string;
  @Column('date', { name: 'transferred_on' }) transferredOn: string;
  @Column('text') reason: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
