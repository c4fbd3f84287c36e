import type { RequestContext } from '../../../shared/auth/request-context';
import { DataScope, PATHWAY_SCOPE } from '../../../shared/policy/data-scope';
import type { Pathway } from '../case.enums';
import { overdueCondition } from './caseload-deadlines';
import { childListCondition, requireScopeWithoutConsent } from '../child-filter.sql';
import { pageOfChildren, type ChildPage } from '../child-page.query';
import type { ChildService } from '../child.service';
import type { CaseloadFilter } from './caseload.input';

const RESOURCE = 'query:caseload';

/** The children a caller works with, soonest release first, with what is ready and what is late. */
export class CaseloadService {
  constructor(private readonly children: ChildService) {}

  async caseload(ctx: RequestContext, filter: CaseloadFilter, first: number, after?: string): Promise<ChildPage> {
    this.children.assertMayReadChildren(ctx, [], RESOURCE);
    const condition = childListCondition(ctx, filter);
    if (filter.pathwayStatus) {
      const { pathway, status } = filter.pathwayStatus;
      requireScopeWithoutConsent(ctx, PATHWAY_SCOPE[pathway], `the ${pathway} pathway`);
      condition.sql += ` AND (SELECT p.status FROM pathway_update p WHERE p.child_id = c.id AND p.pathway = :filterPathway
                               ORDER BY p.recorded_at DESC LIMIT 1) IS NOT DISTINCT FROM ${status === 'NOT_STARTED' ? 'NULL' : ':filterStatus'}`;
      Object.assign(condition.params, { filterPathway: pathway, filterStatus: status });
    }
    if (filter.overdueOnly) {
      requireScopeWithoutConsent(ctx, DataScope.CUSTODY, 'deadlines');
      const pathways = (Object.entries(PATHWAY_SCOPE) as [Pathway, DataScope][])
        .filter(([, scope]) => ctx.access.grants.scopes.get(scope)?.consentRequired === false)
        .map(([pathway]) => pathway);
      condition.sql += ` AND ${overdueCondition()}`;
      Object.assign(condition.params, { overduePathways: pathways, today: ctx.access.clock.today });
    }
    return pageOfChildren(ctx, condition, first, after, RESOURCE);
  }
}
