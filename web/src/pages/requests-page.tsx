import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../components/error-summary';
import { Select } from '../components/fields';
import { Loading, PageHeading } from '../components/layout';
import { StatusTag } from '../components/tags';
import { operationErrors } from '../graphql/client';
import { graphql } from '../graphql/graphql';
import { useQuery } from '../graphql/use-query';
import { formatDate, formatDateTime, humanise } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';
import { Table } from '../components/table';

const RequestsQuery = graphql(`
  query AccommodationRequests($status: AccommodationRequestStatus) {
    accommodationRequests(first: 50, status: $status) {
      totalCount
      edges {
        node {
          id status createdAt updatedAt
          requestedBy { name }
          referral { ageAtRelease releaseDate releaseArea supportLevel }
          recipients { id status provider { id name } }
        }
      }
    }
  }
`);

type Status = 'OPEN' | 'OFFER_ACCEPTED' | 'CONFIRMED' | 'WITHDRAWN' | 'CLOSED';

/** A housing provider's inbox, or the requests a youth justice service has sent: the API decides which. */
export function RequestsPage() {
  const { me } = useSession();
  const provider = me?.agency.type === 'HOUSING_PROVIDER';
  useTitle(provider ? 'Accommodation requests' : 'Accommodation');
  const [status, setStatus] = useState<Status | ''>('OPEN');
  const { data, errors, loading } = useQuery(RequestsQuery, { status: status || null });

  return (
    <>
      <PageHeading caption={me?.agency.name}>{provider ? 'Accommodation requests' : 'Accommodation requests sent'}</PageHeading>
      <ErrorSummary problems={operationErrors(errors, data).map((e) => ({ text: e.message }))} />
      <div className="app-filters">
        <Select
          id="request-status"
          label="Show"
          value={status}
          onChange={(v) => setStatus(v as Status | '')}
          options={[{ value: '', text: 'All requests' }, ...(['OPEN', 'OFFER_ACCEPTED', 'CONFIRMED', 'WITHDRAWN', 'CLOSED'] as const).map((s) => ({ value: s, text: humanise(s) }))]}
        />
      </div>
      {loading && !data ? (
        <Loading />
      ) : data ? (
        data.accommodationRequests.edges.length === 0 ? (
          <p className="govuk-body">No requests.</p>
        ) : (
          <Table caption={<>{data.accommodationRequests.totalCount} {data.accommodationRequests.totalCount === 1 ? 'request' : 'requests'}</>} columns={['Referral', 'Release', provider ? 'Your response' : 'Providers', 'Received']}>
              {data.accommodationRequests.edges.map(({ node }) => (
                <tr className="govuk-table__row" key={node.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/requests/${node.id}`}>
                      {node.referral.ageAtRelease !== null && node.referral.ageAtRelease !== undefined ? `Age ${node.referral.ageAtRelease} at release` : 'Referral'}
                      {node.referral.releaseArea ? `, ${humanise(node.referral.releaseArea)}` : ''}
                    </Link>
                    <span className="govuk-body-s govuk-!-display-block">
                      From {node.requestedBy.name}
                      {node.referral.supportLevel ? `. ${humanise(node.referral.supportLevel)}` : ''}
                    </span>
                  </td>
                  <td className="govuk-table__cell">{formatDate(node.referral.releaseDate)}</td>
                  <td className="govuk-table__cell">
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {(node.recipients ?? []).map((r) => (
                        <li key={r.id}>
                          {!provider && <span className="govuk-body-s govuk-!-display-block">{r.provider.name}</span>}
                          <StatusTag status={r.status} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="govuk-table__cell">{formatDateTime(node.createdAt)}</td>
                </tr>
              ))}
            </Table>
        )
      ) : null}
    </>
  );
}
