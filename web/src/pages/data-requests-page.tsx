import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, type FormProblem } from '../components/error-summary';
import { Select } from '../components/fields';
import { Loading, PageHeading } from '../components/layout';
import { Table } from '../components/table';
import { StatusTag } from '../components/tags';
import { operationErrors } from '../graphql/client';
import { graphql } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { useQuery } from '../graphql/use-query';
import { formatDate, humanise } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';

const DataRequestsQuery = graphql(`
  query DataRequests($direction: DataRequestDirection!, $status: DataRequestStatus) {
    dataRequests(direction: $direction, status: $status, first: 50) {
      totalCount
      edges {
        node {
          id status outcome declineReason scopes dueOn overdue answeredOnTime version
          requestingAgency { name } addressedAgency { name }
          child { id identity { givenName familyName } }
        }
      }
    }
  }
`);

const AnswerDataRequest = graphql(`
  mutation AnswerDataRequest($input: AnswerDataRequestInput!) { answerDataRequest(input: $input) { id status } }
`);

const WithdrawDataRequest = graphql(`
  mutation WithdrawDataRequest($input: WithdrawDataRequestInput!) { withdrawDataRequest(input: $input) { id status } }
`);

type Direction = 'INCOMING' | 'OUTGOING';
type Outcome = 'PROVIDED' | 'NOT_HELD' | 'DECLINED';
type DeclineReason = 'NO_AGREEMENT' | 'CONSENT_REQUIRED' | 'NOT_PROPORTIONATE' | 'NOT_OUR_CASE';
const DECLINE_REASONS: { value: DeclineReason; text: string }[] = [
  { value: 'NOT_PROPORTIONATE', text: 'Not proportionate to the purpose' },
  { value: 'CONSENT_REQUIRED', text: 'The child’s consent is needed first' },
  { value: 'NO_AGREEMENT', text: 'No information-sharing agreement covers it' },
  { value: 'NOT_OUR_CASE', text: 'Not a child we hold information about' },
];

/** Requests for data between the agencies of a child's case: the agency's inbox and what it has asked for. */
export function DataRequestsPage() {
  useTitle('Requests for data');
  const { run } = useSession();
  const [direction, setDirection] = useState<Direction>('INCOMING');
  const [openOnly, setOpenOnly] = useState(true);
  const [declineReasons, setDeclineReasons] = useState<Record<string, DeclineReason>>({});
  const { data, errors, loading, reload } = useQuery(DataRequestsQuery, { direction, status: openOnly ? 'OPEN' : null });
  const [problems, setProblems] = useState<FormProblem[]>([]);

  const answer = async (id: string, expectedVersion: number, outcome: Outcome) => {
    const declineReason = outcome === 'DECLINED' ? (declineReasons[id] ?? 'NOT_PROPORTIONATE') : null;
    const result = await run(AnswerDataRequest, { input: { id, expectedVersion, outcome, declineReason } });
    setProblems(problemsFrom(result.errors));
    reload();
  };
  const withdraw = async (id: string, expectedVersion: number) => {
    const result = await run(WithdrawDataRequest, { input: { id, expectedVersion } });
    setProblems(problemsFrom(result.errors));
    reload();
  };

  return (
    <>
      <PageHeading caption="Between the agencies of a child’s case">Requests for data</PageHeading>
      <ErrorSummary problems={[...problems, ...operationErrors(errors, data).map((e) => ({ text: e.message }))]} />
      <div className="app-filters">
        <Select
          id="data-request-direction"
          label="Show"
          value={direction}
          onChange={(v) => setDirection(v as Direction)}
          options={[
            { value: 'INCOMING', text: 'Asked of your agency' },
            { value: 'OUTGOING', text: 'Asked by your agency' },
          ]}
        />
        <Select
          id="data-request-status"
          label="Status"
          value={openOnly ? 'OPEN' : 'ALL'}
          onChange={(v) => setOpenOnly(v === 'OPEN')}
          options={[
            { value: 'OPEN', text: 'Open' },
            { value: 'ALL', text: 'All' },
          ]}
        />
      </div>
      {loading && !data ? (
        <Loading />
      ) : data ? (
        data.dataRequests.edges.length === 0 ? (
          <p className="govuk-body">No requests for data.</p>
        ) : (
          <Table
            caption={`${data.dataRequests.totalCount} requests, soonest due first`}
            columns={['Child', direction === 'INCOMING' ? 'Asked by' : 'Asked of', 'Information', 'Due', 'Status', { text: <span className="govuk-visually-hidden">Action</span> }]}
          >
            {data.dataRequests.edges.map(({ node }) => {
              const name = node.child.identity ? `${node.child.identity.givenName} ${node.child.identity.familyName}` : 'Child’s record';
              return (
                <tr className="govuk-table__row" key={node.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/children/${node.child.id}`}>
                      {name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{direction === 'INCOMING' ? node.requestingAgency.name : node.addressedAgency.name}</td>
                  <td className="govuk-table__cell">{node.scopes.map(humanise).join(', ')}</td>
                  <td className="govuk-table__cell">
                    {formatDate(node.dueOn)}
                    {node.overdue && <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">Overdue</strong>}
                  </td>
                  <td className="govuk-table__cell">
                    <StatusTag status={node.status} />
                    {node.outcome && node.outcome !== 'DECLINED' && <span className="govuk-body-s govuk-!-display-block">{humanise(node.outcome)}</span>}
                    {node.declineReason && <span className="govuk-body-s govuk-!-display-block">{humanise(node.declineReason)}</span>}
                  </td>
                  <td className="govuk-table__cell">
                    {node.status === 'OPEN' && direction === 'INCOMING' && (
                      <div className="app-actions">
                        <button type="button" className="govuk-button govuk-!-margin-bottom-1" onClick={() => void answer(node.id, node.version, 'PROVIDED')}>
                          Recorded in the child’s records<span className="govuk-visually-hidden"> for {name}</span>
                        </button>
                        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" onClick={() => void answer(node.id, node.version, 'NOT_HELD')}>
                          We do not hold it<span className="govuk-visually-hidden"> for {name}</span>
                        </button>
                        <Select
                          id={`decline-reason-${node.id}`}
                          label="Reason to decline"
                          value={declineReasons[node.id] ?? 'NOT_PROPORTIONATE'}
                          onChange={(v) => setDeclineReasons({ ...declineReasons, [node.id]: v as DeclineReason })}
                          options={DECLINE_REASONS}
                        />
                        <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => void answer(node.id, node.version, 'DECLINED')}>
                          Decline<span className="govuk-visually-hidden"> the request for {name}</span>
                        </button>
                      </div>
                    )}
                    {node.status === 'OPEN' && direction === 'OUTGOING' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void withdraw(node.id, node.version)}>
                        Withdraw<span className="govuk-visually-hidden"> the request for {name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        )
      ) : null}
    </>
  );
}
