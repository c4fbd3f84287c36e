import { useState, type FormEvent } from 'react';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { TextInput } from '../components/fields';
import { PageHeading } from '../components/layout';
import { graphql, type ResultOf } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { formatDateTime, humanise, todayIso } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';
import { Table } from '../components/table';

const DisclosuresQuery = graphql(`
  query Disclosures($filter: DisclosureFilter!) {
    disclosures(first: 100, filter: $filter) {
      edges {
        node {
          id occurredAt operation outcome reason scopes resource purpose correlationId
          actor { kind roles agency { name } }
          justification { agreementId relationship }
        }
      }
      pageInfo { hasNextPage }
    }
  }
`);

const SubjectAccessQuery = graphql(`
  query SubjectAccessCsv($childId: ID!) { subjectAccessReport(childId: $childId) { childId generatedAt csv } }
`);

type Entry = ResultOf<typeof DisclosuresQuery>['disclosures']['edges'][number]['node'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For the data protection officer: who saw a child's data, and the subject access report. Each read is itself logged. */
export function DisclosuresPage() {
  useTitle('Disclosures');
  const { run } = useSession();
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const [childId, setChildId] = useState('');
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(todayIso());
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);

  const check = (): boolean => {
    const missing: FormProblem[] = [];
    if (!UUID.test(childId.trim())) missing.push({ field: 'child-id', text: "Enter the child's record ID, for example 5eed0010-0000-4000-8000-000000000001" });
    if (!from) missing.push({ field: 'from', text: 'Enter the first date' });
    if (!to) missing.push({ field: 'to', text: 'Enter the last date' });
    setProblems(missing);
    return missing.length === 0;
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    const end = new Date(`${to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    const answer = await run(DisclosuresQuery, { filter: { childId: childId.trim(), from: `${from}T00:00:00Z`, to: end.toISOString() } });
    if (answer.errors.length || !answer.data) {
      setEntries(null);
      return setProblems(problemsFrom(answer.errors, { childId: 'child-id', from: 'from', to: 'to' }));
    }
    setEntries(answer.data.disclosures.edges.map((e) => e.node));
    setMore(answer.data.disclosures.pageInfo.hasNextPage);
  };

  const download = async () => {
    if (!check()) return;
    const answer = await run(SubjectAccessQuery, { childId: childId.trim() });
    if (answer.errors.length || !answer.data) return setProblems(problemsFrom(answer.errors, { childId: 'child-id' }));
    const url = URL.createObjectURL(new Blob([answer.data.subjectAccessReport.csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `subject-access-${answer.data.subjectAccessReport.childId}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <>
      <PageHeading caption="Data protection">Disclosures for a child</PageHeading>
      <ErrorSummary problems={problems} />
      <form onSubmit={search} noValidate>
        <TextInput id="child-id" label="Child's record ID" hint="From the child's record or the subject access request" width={30} value={childId} onChange={setChildId} error={problemFor(problems, 'child-id')} />
        <div className="app-filters">
          <TextInput id="from" label="From" type="date" width={10} value={from} onChange={setFrom} error={problemFor(problems, 'from')} />
          <TextInput id="to" label="To" type="date" width={10} value={to} onChange={setTo} error={problemFor(problems, 'to')} />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Show disclosures
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void download()}>
            Download subject access report (CSV)
          </button>
        </div>
      </form>
      {entries &&
        (entries.length === 0 ? (
          <p className="govuk-body" role="status">
            Nothing recorded for this child in these dates.
          </p>
        ) : (
          <div className="app-table-scroll">
            <Table caption={`${entries.length}${more ? '+' : ''} entries, newest first`} columns={['When', 'Who', 'What', 'Data', 'Outcome', 'Basis']}>
                {entries.map((entry) => (
                  <tr className="govuk-table__row" key={entry.id}>
                    <td className="govuk-table__cell">{formatDateTime(entry.occurredAt)}</td>
                    <td className="govuk-table__cell">
                      {entry.actor.agency?.name ?? 'Unknown agency'}
                      <span className="govuk-body-s govuk-!-display-block">{entry.actor.roles.map(humanise).join(', ') || humanise(entry.actor.kind)}</span>
                    </td>
                    <td className="govuk-table__cell">
                      {humanise(entry.operation)}
                      <span className="govuk-body-s govuk-!-display-block">{humanise(entry.purpose)}</span>
                    </td>
                    <td className="govuk-table__cell">{entry.scopes.map(humanise).join(', ') || '—'}</td>
                    <td className="govuk-table__cell">
                      <strong className={`govuk-tag ${entry.outcome === 'ALLOWED' ? 'govuk-tag--green' : 'govuk-tag--red'}`}>{humanise(entry.outcome)}</strong>
                      {entry.reason && <span className="govuk-body-s govuk-!-display-block">{humanise(entry.reason)}</span>}
                    </td>
                    <td className="govuk-table__cell">{entry.justification.agreementId ?? humanise(entry.justification.relationship) ?? '—'}</td>
                  </tr>
                ))}
              </Table>
          </div>
        ))}
    </>
  );
}
