import { Link, useParams } from 'react-router';
import { ErrorSummary } from '../components/error-summary';
import { Loading, PageHeading } from '../components/layout';
import { SummaryList } from '../components/summary-list';
import { PathwayStatusTag, StatusTag } from '../components/tags';
import { Withheld } from '../components/withheld';
import { errorAt, operationErrors, type ApiError } from '../graphql/client';
import { graphql, type ResultOf } from '../graphql/graphql';
import { useQuery } from '../graphql/use-query';
import { formatDate, formatDateTime, humanise, releaseCountdown } from '../format';
import { useTitle } from '../use-title';
import { Table } from '../components/table';


const ChildQuery = graphql(`
  query ChildPage($id: ID!) {
    child(id: $id) {
      id
      identity { givenName familyName preferredName dateOfBirth age sex homeYouthJusticeService { name } }
      caseManagement {
        custody { establishment { name } legalStatus sentenceType entryDate releaseDate releaseType daysToRelease status }
      }
      accommodation { status summary updatedAt responsibleAgency { name } }
      ete { status summary updatedAt responsibleAgency { name } }
      health { status summary updatedAt responsibleAgency { name } }
      substanceMisuse { status summary updatedAt responsibleAgency { name } }
      families { lookedAfterStatus pathway { status summary updatedAt responsibleAgency { name } } }
      finance { status summary updatedAt responsibleAgency { name } }
      deadlines { id title pathway dueOn status daysRemaining }
      timeline(first: 25) {
        withheldCount
        edges { node { id occurredAt label scope agency { name } } }
      }
    }
  }
`);

type ChildData = ResultOf<typeof ChildQuery>['child'];
type PathwayState = NonNullable<ChildData['health']>;

export function ChildPage() {
  useTitle('Child record');
  const { childId = '' } = useParams();
  const { data, errors, loading } = useQuery(ChildQuery, { id: childId });
  const failed = operationErrors(errors, data);
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorSummary title="This record cannot be shown" problems={failed.map((e) => ({ text: friendly(e) }))} />;
  const child = data.child;
  const at = (field: string) => errorAt(errors, ['child', field]);
  const identity = child.identity;
  const custody = child.caseManagement?.custody;

  const pathways: [string, PathwayState | null | undefined, ApiError | undefined][] = [
    ['Accommodation', child.accommodation, at('accommodation')],
    ['Education, training and employment', child.ete, at('ete')],
    ['Health', child.health, at('health')],
    ['Substance misuse', child.substanceMisuse, at('substanceMisuse')],
    ['Families', child.families?.pathway, at('families')],
    ['Finance, benefits and debt', child.finance, at('finance')],
  ];

  return (
    <>
      <PageHeading caption={identity?.homeYouthJusticeService.name ?? 'Child record'}>
        {identity ? `${identity.preferredName ?? identity.givenName} ${identity.familyName}` : 'Child record'}
      </PageHeading>
      <ul className="govuk-list app-actions">
        <li>
          <Link className="govuk-link" to={`/children/${child.id}/consent`}>
            Consent
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/children/${child.id}/team-cover`}>
            Team cover
          </Link>
        </li>
      </ul>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">About the child</h2>
          {identity ? (
            <SummaryList
              rows={[
                ['Date of birth', `${formatDate(identity.dateOfBirth)} (age ${identity.age})`],
                ['Sex', humanise(identity.sex)],
                ['Looked-after status', child.families ? humanise(child.families.lookedAfterStatus) : <Withheld error={at('families')} />],
              ]}
            />
          ) : (
            <Withheld error={at('identity')} />
          )}
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Custody and release</h2>
          {custody ? (
            <SummaryList
              rows={[
                ['Establishment', custody.establishment.name],
                ['Legal status', humanise(custody.legalStatus) + (custody.sentenceType ? `, ${humanise(custody.sentenceType)}` : '')],
                ['Release date', custody.releaseDate ? `${formatDate(custody.releaseDate)} (${releaseCountdown(custody.daysToRelease).toLowerCase()})` : 'Not set'],
                ['Release type', custody.releaseType ? humanise(custody.releaseType) : 'Not known'],
              ]}
            />
          ) : child.caseManagement ? (
            <p className="govuk-body">No custody episode recorded.</p>
          ) : (
            <Withheld error={at('caseManagement')} />
          )}
        </div>
      </div>

      <h2 className="govuk-heading-m">Pathways</h2>
      <dl className="govuk-summary-list app-pathways">
        {pathways.map(([label, state, error]) => (
          <div className="govuk-summary-list__row" key={label}>
            <dt className="govuk-summary-list__key">{label}</dt>
            <dd className="govuk-summary-list__value">
              {state ? (
                <>
                  <PathwayStatusTag status={state.status} />
                  {state.summary && <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">{state.summary}</p>}
                  <span className="govuk-body-s govuk-!-display-block">
                    {state.responsibleAgency ? `${state.responsibleAgency.name}` : 'No responsible agency yet'}
                    {state.updatedAt ? `, updated ${formatDateTime(state.updatedAt)}` : ''}
                  </span>
                </>
              ) : (
                <Withheld error={error} />
              )}
            </dd>
          </div>
        ))}
      </dl>

      <h2 className="govuk-heading-m">Deadlines</h2>
      {child.deadlines ? (
        child.deadlines.length === 0 ? (
          <p className="govuk-body">No deadlines.</p>
        ) : (
          <Table caption="Deadlines" captionHidden columns={['Deadline', 'Due', 'Status']}>
              {child.deadlines.map((d) => (
                <tr className="govuk-table__row" key={d.id}>
                  <td className="govuk-table__cell">{d.title}</td>
                  <td className="govuk-table__cell">{formatDate(d.dueOn)}</td>
                  <td className="govuk-table__cell">
                    {d.status === 'OPEN' && d.daysRemaining < 0 ? <strong className="govuk-tag govuk-tag--red">Overdue</strong> : <StatusTag status={d.status} />}
                  </td>
                </tr>
              ))}
            </Table>
        )
      ) : (
        <Withheld error={at('deadlines')} />
      )}

      <h2 className="govuk-heading-m">Timeline</h2>
      {child.timeline.withheldCount > 0 && (
        <p className="govuk-body" data-testid="timeline-withheld">
          {child.timeline.withheldCount} {child.timeline.withheldCount === 1 ? 'event is' : 'events are'} not shared with you.
        </p>
      )}
      <ol className="govuk-list app-timeline">
        {child.timeline.edges.map(({ node }) => (
          <li key={node.id} className="govuk-!-margin-bottom-3">
            <strong>{node.label}</strong>
            <span className="govuk-body-s govuk-!-display-block">
              {formatDateTime(node.occurredAt)} · {node.agency.name} · {humanise(node.scope)}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

function friendly(error: ApiError): string {
  if (error.extensions?.code === 'NOT_FOUND') return 'This child was not found, or their record is not shared with you.';
  return error.message;
}
