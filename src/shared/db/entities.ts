import { ChildEntity } from '../../subgraphs/cases/child.entity';
import { CustodyEpisodeEntity } from '../../subgraphs/cases/custody-episode.entity';
import { EstablishmentTransferEntity } from '../../subgraphs/cases/establishment-transfer.entity';
import { MeetingEntity } from '../../subgraphs/cases/meeting.entity';
import { PathwayUpdateEntity } from '../../subgraphs/cases/pathway-update.entity';
import { ReleaseDateChangeEntity } from '../../subgraphs/cases/release-date-change.entity';
import { TimelineEventEntity } from '../../subgraphs/cases/timeline-event.entity';
import { AgencyEntity } from '../../subgraphs/sharing/agency.entity';
import { ConsortiumEntity } from '../../subgraphs/sharing/consortium.entity';
import { LocalAuthorityEntity } from '../../subgraphs/sharing/local-authority.entity';
import { MachineClientEntity } from '../../subgraphs/sharing/machine-client.entity';
import { StaffUserEntity } from '../../subgraphs/sharing/staff-user.entity';

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
];
