import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('staff_user')
export class StaffUserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @Column('text', { array: true }) roles: string[];
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
