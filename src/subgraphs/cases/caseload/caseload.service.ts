import type { RequestContext } from '../../../shared/auth/request-context';
import { PATHWAY_SCOPE } from '../../../shared/policy/data-scope';
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
    return pageOfChildren(ctx, condition, first, after, RESOURCE);
  }
}
