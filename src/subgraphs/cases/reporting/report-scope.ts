import type { RequestContext } from '../../../shared/auth/request-context';
import { AgencyType } from '../../sharing/agency.enums';
import { ForbiddenError } from '../../../shared/policy/policy.errors';
import { ReportScopeKind } from './report.type';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './small-cell-suppression';

/** Whose children the caller's reports count, as a SQL condition over `child c` ($1 is the code/id). */
export interface ReportScope {
  kind: ReportScopeKind;
  code: string;
  /** The local authority code or the consortium id: the first positional SQL parameter. */
  param: string;
  condition: string;
  /** Counts from 1 to threshold-1 are suppressed (consortium.settings.reportingSuppressionThreshold, default 5). */
  threshold: number;
}

/**
 * Report:read (policies/roles.yaml) and the caller's place: a youth justice or children's services
 * user sees their own authority's children; the consortium team the whole consortium. Anyone else is
 * refused, and the refusal is audited.
 */
export function authoriseReport(ctx: RequestContext, report: string): ReportScope {
  const resource = `report:${report}`;
  const { agency, consortium } = ctx.principal;
  let scope: Omit<ReportScope, 'threshold'> | null = null;
  if (ctx.access.canAtAll('read', 'Report')) {
    if (agency.type === AgencyType.CONSORTIUM_TEAM) {
      scope = { kind: ReportScopeKind.CONSORTIUM, code: consortium.code, param: consortium.id, condition: 'c.consortium_id = $1' };
    } else if ((agency.type === AgencyType.YOUTH_JUSTICE_SERVICE || agency.type === AgencyType.CHILDRENS_SERVICES) && agency.localAuthorityCode) {
      scope = {
        kind: ReportScopeKind.LOCAL_AUTHORITY,
        code: agency.localAuthorityCode,
        param: agency.localAuthorityCode,
        condition: 'c.home_local_authority_code = $1',
      };
    }
  }
  if (!scope) {
    ctx.audit.denied([], 'NOT_PERMITTED', resource);
    throw new ForbiddenError('You may not read consortium reports');
  }
  ctx.audit.record({ operation: 'CONSULT', outcome: 'ALLOWED', reason: null, childIds: [], scopes: [], resource });
  return { ...scope, threshold: suppressionThreshold(consortium.settings) };
}

export function suppressionThreshold(settings: Record<string, unknown>): number {
  const raw = settings.reportingSuppressionThreshold;
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 100 ? raw : DEFAULT_SUPPRESSION_THRESHOLD;
}
