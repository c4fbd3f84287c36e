import { useState } from 'react';
import { Link } from 'react-router';
import { Checkbox, Select } from '../components/fields';
import { ErrorSummary } from '../components/error-summary';
import { Loading, PageHeading } from '../components/layout';
import { OverdueTag, PathwayStatusTag, StatusTag } from '../components/tags';
import { WithheldTag } from '../components/withheld';
import { errorAt, operationErrors } from '../graphql/client';
import { graphql, type VariablesOf } from '../graphql/graphql';
import { useQuery } from '../graphql/use-query';
import { formatDate, humanise, releaseCountdown } from '../format';
import { useTitle } from '../use-title';
import { Table } from '../components/table';
import { PATHWAY_STATUSES, PATHWAYS } from './pathways';

const CaseloadQuery = graphql(`
  query Caseload($first: Int!, $filter: CaseloadFilter) {
    caseload(first: $first, filter: $filter) {
      totalCount
      pageInfo { hasNextPage }
      edges {
        node {
          child { id identity { givenName familyName preferredName age } }
          custody { releaseDate daysToRelease releasedOn legalStatus establishment { name } }
          deadlines { overdueCount next { title dueOn workingDaysRemaining } }
          readiness { caseManagement accommodation ete health substanceMisuse families finance }
          accommodationStatus
        }
      }
    }
  }
`);

type Filter = NonNullable<VariablesOf<typeof CaseloadQuery>['filter']>;

export function CaseloadPage() {
  useTitle('Caseload');
  const [releaseWithinDays, setReleaseWithinDays] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [pathway, setPathway] = useState('');
  const [pathwayStatus, setPathwayStatus] = useState('AT_RISK');
  const [first, setFirst] = useState(50);

  const filter: Filter = {
    inCustody: true,
    ...(releaseWithinDays ? { releaseWithinDays: Number(releaseWithinDays) } : {}),
    ...(overdueOnly ? { overdueOnly: true } : {}),
    ...(pathway ? { pathwayStatus: { pathway: pathway as (typeof PATHWAYS)[number]['value'], status: pathwayStatus as (typeof PATHWAY_STATUSES)[number] } } : {}),
  };
  const { data, errors, loading } = useQuery(CaseloadQuery, { first, filter });
  const failed = operationErrors(errors, data);

  return (
    <>
      <PageHeading caption="Children in custody you work with">Caseload</PageHeading>
      <ErrorSummary problems={failed.map((e) => ({ text: e.message }))} />
      <form className="app-filters" aria-label="Filter the caseload" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="release-within"
          label="Release"
          value={releaseWithinDays}
          onChange={setReleaseWithinDays}
          options={[
            { value: '', text: 'Any time' },
            { value: '7', text: 'Within 7 days' },
            { value: '14', text: 'Within 14 days' },
            { value: '28', text: 'Within 28 days' },
            { value: '90', text: 'Within 3 months' },
          ]}
        />
        <Select
          id="pathway"
          label="Pathway"
          value={pathway}
          onChange={setPathway}
          options={[{ value: '', text: 'Any pathway' }, ...PATHWAYS.map((p) => ({ value: p.value, text: p.label }))]}
        />
        {pathway && (
          <Select
            id="pathway-status"
            label="Pathway status"
            value={pathwayStatus}
            onChange={setPathwayStatus}
            options={PATHWAY_STATUSES.map((s) => ({ value: s, text: humanise(s) }))}
          />
        )}
        <div className="govuk-form-group">
          <Checkbox id="overdue-only" label="Only children with overdue deadlines" checked={overdueOnly} onChange={setOverdueOnly} />
        </div>
      </form>
      {loading && !data ? (
        <Loading />
      ) : data ? (
        <>
          <p className="govuk-body" role="status">
            {data.caseload.totalCount} {data.caseload.totalCount === 1 ? 'child' : 'children'}, soonest release first.
          </p>
          <div className="app-table-scroll">
            <Table caption="Caseload" captionHidden className="app-caseload" columns={['Child', 'Release', { text: 'Pathway readiness', className: 'app-caseload__readiness' }, 'Accommodation', 'Deadlines']}>
                {data.caseload.edges.map(({ node }, i) => {
                  const identity = node.child.identity;
                  const at = (...rest: string[]) => errorAt(errors, ['caseload', 'edges', i, 'node', ...rest]);
                  return (
                    <tr className="govuk-table__row" key={node.child.id}>
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={`/children/${node.child.id}`}>
                          {identity ? `${identity.preferredName ?? identity.givenName} ${identity.familyName}` : 'Child (name not shared)'}
                        </Link>
                        {identity && <span className="govuk-body-s govuk-!-display-block">Age {identity.age}</span>}
                        {node.custody?.establishment && <span className="govuk-body-s govuk-!-display-block">{node.custody.establishment.name}</span>}
                      </td>
                      <td className="govuk-table__cell">
                        {node.custody ? (
                          <>
                            <strong>{releaseCountdown(node.custody.daysToRelease)}</strong>
                            <span className="govuk-body-s govuk-!-display-block">{formatDate(node.custody.releaseDate)}</span>
                            {node.custody.legalStatus && <span className="govuk-body-s govuk-!-display-block">{humanise(node.custody.legalStatus)}</span>}
                          </>
                        ) : (
                          <WithheldTag reason={at('custody')?.extensions?.reason} />
                        )}
                      </td>
                      <td className="govuk-table__cell">
                        <ul className="govuk-list app-readiness">
                          {PATHWAYS.map((p) => {
                            const status = node.readiness[p.key];
                            return (
                              <li className="app-readiness__item" key={p.key}>
                                <span className="govuk-!-display-block">{p.short}</span>
                                {status ? <PathwayStatusTag status={status} /> : <WithheldTag reason={at('readiness', p.key)?.extensions?.reason} />}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                      <td className="govuk-table__cell">
                        {node.accommodationStatus ? <StatusTag status={node.accommodationStatus} /> : <WithheldTag reason={at('accommodationStatus')?.extensions?.reason} />}
                      </td>
                      <td className="govuk-table__cell">
                        {node.deadlines ? (
                          <>
                            <OverdueTag count={node.deadlines.overdueCount} />
                            {node.deadlines.next ? (
                              <span className="govuk-body-s govuk-!-display-block">
                                Next: {node.deadlines.next.title}, {formatDate(node.deadlines.next.dueOn)}
                              </span>
                            ) : (
                              node.deadlines.overdueCount === 0 && <span className="govuk-body-s">None due</span>
                            )}
                          </>
                        ) : (
                          <WithheldTag reason={at('deadlines')?.extensions?.reason} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </Table>
          </div>
          {data.caseload.pageInfo.hasNextPage && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setFirst((n) => n + 50)}>
              Show more children
            </button>
          )}
        </>
      ) : null}
    </>
  );
}
