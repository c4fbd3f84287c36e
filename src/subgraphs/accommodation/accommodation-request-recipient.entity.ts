import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeclineReason, RecipientClosedReason, RecipientStatus } from './accommodation.enums';

/** A housing provider a request is addressed to; its access to the child ends with `access_ends_at`. */
@Entity('accommodation_request_recipient')
export class AccommodationRequestRecipientEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('uuid', { name: 'provider_agency_id' }) providerAgencyId: string;
  @Column('text') status: RecipientStatus;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason: DeclineReason | null;
  @Column('text', { name: 'closed_reason', nullable: true }) closedReason: RecipientClosedReason | null;
  @Column('timestamptz', { name: 'access_ends_at', nullable: true }) accessEndsAt: Date | null;
  @Column('timestamptz', { name: 'sent_at' }) sentAt: Date;
  @Column('timestamptz', { name: 'responded_at', nullable: true }) respondedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer') version: number;
}
