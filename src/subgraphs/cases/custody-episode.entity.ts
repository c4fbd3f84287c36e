import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { CustodyStatus, LegalStatus, ReleaseType, SentenceType } from './case.enums';

@Entity('custody_episode')
export class CustodyEpisodeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'child_id' }) childId: string;
  @Column('uuid', { name: 'establishment_agency_id' }) establishmentAgencyId: string;
  @Column('text', { name: 'legal_status' }) legalStatus: LegalStatus;
  @Column('text', { name: 'sentence_type', nullable: true }) sentenceType: SentenceType | null;
  @Column('date', { name: 'sentence_date', nullable: true }) sentenceDate: string | null;
  @Column('date', { name: 'entry_date' }) entryDate: string;
  @Column('date', { name: 'release_date', nullable: true }) releaseDate: string | null;
  @Column('text', { name: 'release_type', nullable: true }) releaseType: ReleaseType | null;
  @Column('date', { name: 'actual_release_date', nullable: true }) actualReleaseDate: string | null;
  @Column('text') status: CustodyStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @VersionColumn() version: number;
}
