import type { CasesModule } from '../cases-module';
import { ChildService } from '../child.service';
import { CaseloadResolver } from './caseload.resolver';
import { CaseloadService } from './caseload.service';
import { PathwayReadinessResolver } from './pathway-readiness.resolver';
import { TimelineResolver } from './timeline.resolver';
import { TimelineService } from './timeline.service';

/** Registers the caseload and timeline resolvers with the cases subgraph. */
export const registerCaseloadModule: CasesModule = (container) => {
  container
    .register(new CaseloadResolver(new CaseloadService(new ChildService())))
    .register(new PathwayReadinessResolver())
    .register(new TimelineResolver(new TimelineService()));
};
