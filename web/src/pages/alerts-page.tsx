import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, type FormProblem } from '../components/error-summary';
import { Select } from '../components/fields';
import { Loading, PageHeading } from '../components/layout';
import { StatusTag } from '../components/tags';
import { operationErrors } from '../graphql/client';
import { graphql } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { useQuery } from '../graphql/use-query';
import { formatDate, formatDateTime, humanise } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';
import { Table } from '../components/table';

const AlertsQuery = graphql(`
  query Alerts($status: AlertStatusFilter!) {
    alerts(first: 50, status: $status) {
      totalCount
      edges { node { id title kind status level raisedAt dueAt acknowledgedAt version addressedTo { name } child { id } } }
    }
  }
`);

const AcknowledgeAlert = graphql(`
  mutation AcknowledgeAlert($id: ID!, $version: Int) { acknowledgeAlert(id: $id, version: $version) { id status } }
`);

type StatusFilter = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'ALL';

export function AlertsPage() {
  useTitle('Alerts');
  const { run } = useSession();
  const [status, setStatus] = useState<StatusFilter>('OPEN');
  const { data, errors, loading, reload } = useQuery(AlertsQuery, { status });
  const [problems, setProblems] = useState<FormProblem[]>([]);

  const acknowledge = async (id: string, version: number) => {
    const answer = await run(AcknowledgeAlert, { id, version });
    setProblems(problemsFrom(answer.errors));
    reload();
  };

  return (
    <>
      <PageHeading caption="For your agency and role">Alerts</PageHeading>
      <ErrorSummary problems={[...problems, ...operationErrors(errors, data).map((e) => ({ text: e.message }))]} />
      <div className="app-filters">
        <Select
          id="alert-status"
          label="Show"
          value={status}
          onChange={(v) => setStatus(v as StatusFilter)}
          options={[
            { value: 'OPEN', text: 'Open alerts' },
            { value: 'ACKNOWLEDGED', text: 'Acknowledged' },
            { value: 'RESOLVED', text: 'Resolved' },
            { value: 'ALL', text: 'All alerts' },
          ]}
        />
      </div>
      {loading && !data ? (
        <Loading />
      ) : data ? (
        data.alerts.edges.length === 0 ? (
          <p className="govuk-body">No alerts.</p>
        ) : (
          <Table caption={`${data.alerts.totalCount} alerts, newest first`} columns={['Alert', 'Raised', 'Status', { text: <span className="govuk-visually-hidden">Action</span> }]}>
              {data.alerts.edges.map(({ node }) => (
                <tr className="govuk-table__row" key={node.id}>
                  <td className="govuk-table__cell">
                    {node.child ? (
                      <Link className="govuk-link" to={`/children/${node.child.id}`}>
                        {node.title}
                      </Link>
                    ) : (
                      node.title
                    )}
                    <span className="govuk-body-s govuk-!-display-block">
                      {humanise(node.kind)}
                      {node.level ? `, escalation level ${node.level}` : ''}
                      {node.dueAt ? `, due ${formatDate(node.dueAt)}` : ''}
                    </span>
                  </td>
                  <td className="govuk-table__cell">{formatDateTime(node.raisedAt)}</td>
                  <td className="govuk-table__cell">
                    <StatusTag status={node.status} />
                  </td>
                  <td className="govuk-table__cell">
                    {node.status === 'OPEN' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void acknowledge(node.id, node.version)}>
                        Acknowledge<span className="govuk-visually-hidden"> {node.title}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
        )
      ) : null}
    </>
  );
}
