import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('machine_client')
export class MachineClientEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'client_id' }) clientId: string;
  @Column('text') name: string;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @Column('text', { array: true }) scopes: string[];
  @Column('text', { name: 'secret_hash', nullable: true }) secretHash: string | null;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
