import { englandDateOf } from '../../../shared/calendar/london-date';
import type { DataScope } from '../../../shared/policy/data-scope';
import type { DataRequestDeclineReason, DataRequestOutcome, DataRequestStatus } from './data-request.enums';
import type { DataRequest } from './data-request.type';

/** The columns every read of a data request selects, as `DataRequestRow`. */
export const DATA_REQUEST_COLUMNS = `d.id, d.child_id AS "childId", d.requesting_agency_id AS "requestingAgencyId",
  d.addressed_agency_id AS "addressedAgencyId", d.scopes, d.purpose, d.requested_at AS "requestedAt",
  to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn", d.status, d.outcome, d.decline_reason AS "declineReason",
  d.responded_at AS "respondedAt", d.version`;

export interface DataRequestRow {
  id: string;
  childId: string;
  requestingAgencyId: string;
  addressedAgencyId: string;
  scopes: DataScope[];
  purpose: string;
  requestedAt: Date;
  dueOn: string;
  status: DataRequestStatus;
  outcome: DataRequestOutcome | null;
  declineReason: DataRequestDeclineReason | null;
  respondedAt: Date | null;
  version: number;
}

/** On time means answered (or declined) on or before the due date, in England. */
export function toDataRequest(row: DataRequestRow, today: string): DataRequest {
  const responded = row.status === 'ANSWERED' || row.status === 'DECLINED';
  return {
    ...row,
    child: { id: row.childId },
    answeredOnTime: responded && row.respondedAt ? englandDateOf(row.respondedAt) <= row.dueOn : null,
    overdue: row.status === 'OPEN' && today > row.dueOn,
  };
}
