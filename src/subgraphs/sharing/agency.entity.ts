import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyType, EstablishmentType } from './agency.enums';

@Entity('agency')
export class AgencyEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'consortium_id' }) consortiumId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') type: AgencyType;
  @Column('text', { name: 'establishment_type', nullable: true }) establishmentType: EstablishmentType | null;
  @Column('text', { name: 'local_authority_code', nullable: true }) localAuthorityCode: string | null;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
