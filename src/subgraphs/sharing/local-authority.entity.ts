import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('local_authority')
export class LocalAuthorityEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('uuid', { name: 'consortium_id' }) consortiumId: string;
}
