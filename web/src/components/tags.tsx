import { humanise } from '../format';

const PATHWAY_COLOURS: Record<string, string> = {
  READY: 'govuk-tag--green',
  IN_PROGRESS: 'govuk-tag--blue',
  AT_RISK: 'govuk-tag--red',
  NOT_STARTED: 'govuk-tag--grey',
};

export function PathwayStatusTag({ status }: { status: string }) {
  return <strong className={`govuk-tag ${PATHWAY_COLOURS[status] ?? ''}`}>{humanise(status)}</strong>;
}

const GENERAL_COLOURS: Record<string, string> = {
  OPEN: 'govuk-tag--blue',
  SENT: 'govuk-tag--blue',
  ACKNOWLEDGED: 'govuk-tag--light-blue',
  CLARIFICATION_REQUESTED: 'govuk-tag--yellow',
  OFFERED: 'govuk-tag--purple',
  MADE: 'govuk-tag--purple',
  ACCEPTED: 'govuk-tag--green',
  OFFER_ACCEPTED: 'govuk-tag--green',
  CONFIRMED: 'govuk-tag--green',
  ACTIVE: 'govuk-tag--green',
  MET: 'govuk-tag--green',
  DECLINED: 'govuk-tag--red',
  MISSED: 'govuk-tag--red',
  WITHDRAWN: 'govuk-tag--grey',
  EXPIRED: 'govuk-tag--grey',
  CLOSED: 'govuk-tag--grey',
  RESOLVED: 'govuk-tag--grey',
};

export function StatusTag({ status }: { status: string }) {
  return <strong className={`govuk-tag ${GENERAL_COLOURS[status] ?? 'govuk-tag--grey'}`}>{humanise(status)}</strong>;
}

export function OverdueTag({ count }: { count: number }) {
  if (count === 0) return null;
  return <strong className="govuk-tag govuk-tag--red">{count} overdue</strong>;
}
