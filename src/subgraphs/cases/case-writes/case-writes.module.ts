import type { CasesModule } from '../cases-module';
import { ChildCaseRecordsResolver } from './child-case-records.resolver';
import { CustodyWriteResolver } from './custody-write.resolver';
import { CustodyWriteService } from './custody-write.service';
import { MeetingActionService } from './meeting-action.service';
import { MeetingWriteResolver } from './meeting-write.resolver';
import { MeetingWriteService } from './meeting-write.service';
import { PathwayWriteResolver } from './pathway-write.resolver';
import { PathwayWriteService } from './pathway-write.service';
import { ProbationTransferResolver } from './probation-transfer.resolver';
import { ProbationTransferService } from './probation-transfer.service';
import { RotlResolver } from './rotl.resolver';
import { RotlService } from './rotl.service';

/** Registers the case-writes resolvers with the cases subgraph: writes by the agency that owns the fact. */
export const registerCaseWritesModule: CasesModule = (container) => {
  container
    .register(new CustodyWriteResolver(new CustodyWriteService()))
    .register(new PathwayWriteResolver(new PathwayWriteService()))
    .register(new MeetingWriteResolver(new MeetingWriteService(), new MeetingActionService()))
    .register(new RotlResolver(new RotlService()))
    .register(new ProbationTransferResolver(new ProbationTransferService()))
    .register(new ChildCaseRecordsResolver());
};
