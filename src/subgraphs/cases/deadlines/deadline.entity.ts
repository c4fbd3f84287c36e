import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Pathway } from '../case.enums';
import type { DeadlineStatus } from './deadline-calculator';
import type { DeadlineAnchor } from './deadline-rules.schema';

/** One rule's deadline for one custody episode; recomputed in place when its anchor date moves. */
@Entity('deadline')
export class DeadlineEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'custody_episode_id' }) custodyEpisodeId: string;
  @Column('text', { name: 'rule_code' }) ruleCode: string;
  @Column('text') pathway: Pathway;
  @Column('text') anchor: DeadlineAnchor;
  @Column('date', { name: 'basis_date' }) basisDate: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('text') status: DeadlineStatus;
  @Column('timestamptz', { name: 'met_at', nullable: true }) metAt: Date | null;
  @Column('date', { name: 'next_check_on', nullable: true }) nextCheckOn: string | null;
  @Column('timestamptz', { name: 'computed_at' }) computedAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('integer') version: number;
}
