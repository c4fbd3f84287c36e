import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MessageKind } from './accommodation.enums';

/** Append-only: one clarification thread per provider's part of a request. */
@Entity('accommodation_message')
export class AccommodationMessageEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'recipient_id' }) recipientId: string;
  @Column('text') kind: MessageKind;
  @Column('text') body: string;
  @Column('uuid', { name: 'author_agency_id' }) authorAgencyId: string;
  @Column('uuid', { name: 'author_user_id', nullable: true }) authorUserId: string | null;
  @Column('uuid', { name: 'author_client_id', nullable: true }) authorClientId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
