import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency brought into a child's case for a purpose and a period (e.g. the college giving a day-one place). */
@Entity('case_involvement')
export class CaseInvolvementEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @Column('text') purpose: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('uuid', { name: 'created_by_user_id', nullable: true }) createdByUserId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
