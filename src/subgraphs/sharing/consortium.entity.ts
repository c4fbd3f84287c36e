import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('consortium')
export class ConsortiumEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') settings: Record<string, unknown>;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
