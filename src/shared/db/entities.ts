import { accommodationEntities } from '../../subgraphs/accommodation/accommodation.entities';
import { caseWritesEntities } from '../../subgraphs/cases/case-writes/case-writes.entities';
import { caseloadEntities } from '../../subgraphs/cases/caseload/caseload.entities';
import { deadlinesEntities } from '../../subgraphs/cases/deadlines/deadlines.entities';
import { ChildEntity } from '../../subgraphs/cases/child.entity';
import { CustodyEpisodeEntity } from '../../subgraphs/cases/custody-episode.entity';
import { EstablishmentTransferEntity } from '../../subgraphs/cases/establishment-transfer.entity';
import { MeetingEntity } from '../../subgraphs/cases/meeting.entity';
import { PathwayUpdateEntity } from '../../subgraphs/cases/pathway-update.entity';
import { ProbationTransferEntity } from '../../subgraphs/cases/probation-transfer.entity';
import { ReleaseDateChangeEntity } from '../../subgraphs/cases/release-date-change.entity';
import { TimelineEventEntity } from '../../subgraphs/cases/timeline-event.entity';
import { AgencyEntity } from '../../subgraphs/sharing/agency.entity';
import { AlertEntity } from '../../subgraphs/sharing/alert.entity';
import { CaseInvolvementEntity } from '../../subgraphs/sharing/case-involvement.entity';
import { ConsentEntity } from '../../subgraphs/sharing/consent.entity';
import { ConsortiumEntity } from '../../subgraphs/sharing/consortium.entity';
import { LocalAuthorityEntity } from '../../subgraphs/sharing/local-authority.entity';
import { MachineClientEntity } from '../../subgraphs/sharing/machine-client.entity';
import { SharingWithoutConsentEntity } from '../../subgraphs/sharing/sharing-without-consent.entity';
import { StaffUserEntity } from '../../subgraphs/sharing/staff-user.entity';
import { TeamCoverGrantEntity } from '../../subgraphs/sharing/team-cover-grant.entity';

export const entities = [
  ConsortiumEntity,
  LocalAuthorityEntity,
  AgencyEntity,
  StaffUserEntity,
  MachineClientEntity,
  ChildEntity,
  CustodyEpisodeEntity,
  EstablishmentTransferEntity,
  ReleaseDateChangeEntity,
  PathwayUpdateEntity,
  MeetingEntity,
  TimelineEventEntity,
  ProbationTransferEntity,
  ConsentEntity,
  SharingWithoutConsentEntity,
  TeamCoverGrantEntity,
  CaseInvolvementEntity,
  AlertEntity,
  ...accommodationEntities,
  ...deadlinesEntities,
  ...caseWritesEntities,
  ...caseloadEntities,
];
