import type { CasesModule } from '../cases-module';
import { AlertResolver } from './alert.resolver';
import { AlertService } from './alert.service';
import { ChildDeadlinesResolver } from './child-deadlines.resolver';
import { DeadlineService } from './deadline.service';
import './deadlines.enums';

/** Registers the deadlines resolvers with the cases subgraph: Child.deadlines, alerts, acknowledgeAlert. */
export const registerDeadlinesModule: CasesModule = (container) => {
  container.register(new ChildDeadlinesResolver(new DeadlineService())).register(new AlertResolver(new AlertService()));
};
