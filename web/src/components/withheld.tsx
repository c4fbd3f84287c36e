import type { ApiError } from '../graphql/client';

/** What each refusal reason means, in plain English; the reasons come from the API. */
const REASONS: Record<string, string> = {
  CONSENT_WITHDRAWN: 'Consent withdrawn: the child has withdrawn consent to share this with your agency.',
  CONSENT_REQUIRED: 'Consent needed: the child has not given consent to share this with your agency.',
  CONSENT_EXPIRED: 'Consent expired: the consent to share this with your agency has run out.',
  NO_AGREEMENT: 'No sharing agreement: no information-sharing agreement covers this for your agency.',
  NOT_PERMITTED: 'Not part of your role: your role does not include this information.',
};

const SHORT: Record<string, string> = {
  CONSENT_WITHDRAWN: 'consent withdrawn',
  CONSENT_REQUIRED: 'consent needed',
  CONSENT_EXPIRED: 'consent expired',
  NO_AGREEMENT: 'no sharing agreement',
  NOT_PERMITTED: 'not part of your role',
};

export function withheldReason(reason: string | null | undefined): string {
  return (reason && REASONS[reason]) ?? 'This is not shared with you.';
}

export function withheldShort(reason: string | null | undefined): string {
  return (reason && SHORT[reason]) ?? 'not shared';
}

/** In place of a field the API withheld: why, never a blank. */
export function Withheld({ error, reason }: { error?: ApiError; reason?: string | null }) {
  const code = reason ?? error?.extensions?.reason ?? null;
  return (
    <div className="govuk-inset-text app-withheld" data-withheld-reason={code ?? 'UNKNOWN'}>
      <strong className="govuk-tag govuk-tag--grey">Not shared with you</strong>
      <span className="app-withheld__reason">{withheldReason(code)}</span>
    </div>
  );
}

/** A compact version for tables. */
export function WithheldTag({ reason }: { reason?: string | null }) {
  return (
    <span className="app-withheld-tag" data-withheld-reason={reason ?? 'UNKNOWN'}>
      <strong className="govuk-tag govuk-tag--grey">Not shared</strong>
      <span className="govuk-body-s app-withheld-tag__reason"> {withheldShort(reason)}</span>
    </span>
  );
}
