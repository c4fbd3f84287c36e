import { Link, useParams } from 'react-router';
import { ErrorSummary } from '../components/error-summary';
import { Loading, PageHeading } from '../components/layout';
import { SummaryList } from '../components/summary-list';
import { StatusTag } from '../components/tags';
import { operationErrors } from '../graphql/client';
import { graphql, type ResultOf } from '../graphql/graphql';
import { useQuery } from '../graphql/use-query';
import { formatDate, formatDateTime, humanise } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';
import { ProviderResponse } from './request-provider-forms';
import { RequesterDecisions } from './request-requester-actions';

export const RequestQuery = graphql(`
  query AccommodationRequest($id: ID!) {
    accommodationRequest(id: $id) {
      id status statusReason version createdAt
      requestedBy { id name }
      child { id }
      referral {
        ageAtRelease sex releaseDate releaseArea preferredAreas childWishes supportLevel supportNeeds
        placementRisks { exclusionZones licenceConditions { kind detail } restrictions }
      }
      recipients {
        id status version declineReason closedReason sentAt respondedAt accessEndsAt
        provider { id name }
        thread { id kind body createdAt author { name } }
      }
      offers {
        id status version accommodationType availableFrom conditions holdUntil createdAt
        provider { id name }
        address { line1 line2 town postcode }
      }
    }
  }
`);

export type RequestData = ResultOf<typeof RequestQuery>['accommodationRequest'];
export type Recipient = NonNullable<RequestData['recipients']>[number];

export function RequestPage() {
  useTitle('Accommodation request');
  const { requestId = '' } = useParams();
  const { me } = useSession();
  const { data, errors, loading, reload } = useQuery(RequestQuery, { id: requestId });
  if (loading && !data) return <Loading />;
  if (!data) {
    return (
      <ErrorSummary
        title="This request cannot be shown"
        problems={operationErrors(errors, data).map((e) => ({
          text: e.extensions?.code === 'NOT_FOUND' ? 'This request was not found, or it is no longer shared with you.' : e.message,
        }))}
      />
    );
  }
  const request = data.accommodationRequest;
  const referral = request.referral;
  const requester = me?.agency.id === request.requestedBy.id;
  const risks = referral.placementRisks;
  const list = (items: readonly string[] | null | undefined) => (items && items.length ? items.join(', ') : 'None');

  return (
    <>
      <Link className="govuk-back-link" to="/requests">
        Back to requests
      </Link>
      <PageHeading caption={`From ${request.requestedBy.name}, ${formatDateTime(request.createdAt)}`}>Accommodation request</PageHeading>
      <p className="govuk-body">
        <StatusTag status={request.status} />
        {request.statusReason && <span className="govuk-body-s"> {request.statusReason}</span>}
        {requester && (
          <>
            {' '}
            <Link className="govuk-link" to={`/children/${request.child.id}`}>
              Open the child's record
            </Link>
          </>
        )}
      </p>

      <h2 className="govuk-heading-m">Referral</h2>
      <p className="govuk-body-s">Only what a safe placement needs is shared with housing providers.</p>
      <SummaryList
        rows={[
          ['Age at release', referral.ageAtRelease?.toString() ?? 'Not shared'],
          ['Sex', referral.sex ? humanise(referral.sex) : 'Not shared'],
          ['Release date', formatDate(referral.releaseDate)],
          ['Release area', referral.releaseArea ? humanise(referral.releaseArea) : 'Not known'],
          ['Preferred areas', list(referral.preferredAreas)],
          ["Child's wishes", referral.childWishes ?? 'Not recorded'],
          ['Support level', referral.supportLevel ? humanise(referral.supportLevel) : 'Not known'],
          ['Support needs', list(referral.supportNeeds)],
          ['Exclusion zones', list(risks?.exclusionZones)],
          ['Licence conditions', risks?.licenceConditions.length ? risks.licenceConditions.map((c) => `${humanise(c.kind)}${c.detail ? `: ${c.detail}` : ''}`).join('; ') : 'None'],
          ['Restrictions', list(risks?.restrictions.map(humanise))],
        ]}
      />

      {requester ? (
        <RequesterDecisions request={request} onChanged={reload} />
      ) : (
        (request.recipients ?? []).map((part) => <ProviderResponse key={part.id} request={request} part={part} onChanged={reload} />)
      )}
    </>
  );
}

/** The questions and answers between a provider and the youth justice service. */
export function Thread({ part }: { part: Recipient }) {
  if (!part.thread?.length) return null;
  return (
    <div className="app-thread">
      <h3 className="govuk-heading-s">Questions and answers</h3>
      {part.thread.map((message) => (
        <div key={message.id} className="govuk-!-margin-bottom-3">
          <p className="govuk-body govuk-!-margin-bottom-1">
            <strong>{message.kind === 'QUESTION' ? 'Question' : 'Answer'}</strong> from {message.author.name}, {formatDateTime(message.createdAt)}
          </p>
          <p className="govuk-body govuk-!-margin-bottom-0">{message.body}</p>
        </div>
      ))}
    </div>
  );
}
