import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { TextArea, TextInput } from '../components/fields';
import { PageHeading } from '../components/layout';
import { SummaryList } from '../components/summary-list';
import { graphql, type ResultOf } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { formatDateTime } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';

const GrantTeamCover = graphql(`
  mutation GrantTeamCover($input: GrantTeamCoverInput!) {
    grantTeamCover(input: $input) { id granteeUserId reason startsAt expiresAt }
  }
`);

/** A colleague covers this case for a few days: access for a limited time, recorded and audited. */
export function ChildTeamCoverPage() {
  useTitle('Team cover');
  const { childId = '' } = useParams();
  const { run } = useSession();
  const [grantee, setGrantee] = useState('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('7');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [granted, setGranted] = useState<ResultOf<typeof GrantTeamCover>['grantTeamCover'] | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormProblem[] = [];
    if (!grantee.trim()) missing.push({ field: 'cover-grantee', text: "Enter your colleague's user ID" });
    if (!reason.trim()) missing.push({ field: 'cover-reason', text: 'Enter why cover is needed' });
    if (!/^\d+$/.test(days)) missing.push({ field: 'cover-days', text: 'Enter the number of days as a whole number' });
    if (missing.length) return setProblems(missing);
    const answer = await run(GrantTeamCover, { input: { childId, granteeUserId: grantee.trim(), reason: reason.trim(), days: Number(days) } });
    if (answer.errors.length || !answer.data) {
      return setProblems(problemsFrom(answer.errors, { granteeUserId: 'cover-grantee', reason: 'cover-reason', days: 'cover-days' }));
    }
    setProblems([]);
    setGranted(answer.data.grantTeamCover);
  };

  return (
    <>
      <Link className="govuk-back-link" to={`/children/${childId}`}>
        Back to the child's record
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading caption="Child record">Team cover</PageHeading>
          {granted ? (
            <>
              <div className="govuk-panel govuk-panel--confirmation">
                <h2 className="govuk-panel__title">Cover granted</h2>
                <div className="govuk-panel__body">Until {formatDateTime(granted.expiresAt)}</div>
              </div>
              <SummaryList rows={[['Colleague', granted.granteeUserId], ['Reason', granted.reason], ['From', formatDateTime(granted.startsAt)]]} />
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <ErrorSummary problems={problems} />
              <p className="govuk-body">
                A colleague in your agency can see and work on this case while you are away. Access ends by itself, and every view is logged.
              </p>
              <TextInput id="cover-grantee" label="Colleague's user ID" hint="Shown on their profile in your identity provider" width={30} value={grantee} onChange={setGrantee} error={problemFor(problems, 'cover-grantee')} />
              <TextArea id="cover-reason" label="Why cover is needed" value={reason} onChange={setReason} error={problemFor(problems, 'cover-reason')} rows={3} />
              <TextInput id="cover-days" label="For how many days" width={5} value={days} onChange={setDays} error={problemFor(problems, 'cover-days')} />
              <button type="submit" className="govuk-button">
                Grant cover
              </button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
