import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { HintAndError, Radios, Select, TextArea, TextInput } from '../components/fields';
import { Loading, PageHeading } from '../components/layout';
import { StatusTag } from '../components/tags';
import { operationErrors } from '../graphql/client';
import { graphql, type ResultOf } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { useQuery } from '../graphql/use-query';
import { formatDateTime, humanise, todayIso } from '../format';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';

const ConsentQuery = graphql(`
  query ChildConsent($childId: ID!) {
    consentHistory(childId: $childId) {
      id scope status givenBy givenAt expiresAt explanation evidenceReference withdrawnAt withdrawalReason
      recipientAgency { name } recipientAgencyType recordedByAgency { name }
    }
    agencies { id name type }
  }
`);

const RecordConsent = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }
`);

const WithdrawConsent = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id status } }
`);

type Consent = ResultOf<typeof ConsentQuery>['consentHistory'][number];
const SCOPES = ['IDENTITY', 'CUSTODY', 'ACCOMMODATION', 'ETE', 'HEALTH', 'SUBSTANCE_MISUSE', 'FAMILY', 'FINANCE', 'OFFENCE_RISK', 'SAFEGUARDING', 'VOICE'] as const;
type Scope = (typeof SCOPES)[number];

export function ChildConsentPage() {
  useTitle('Consent');
  const { childId = '' } = useParams();
  const { data, errors, loading, reload } = useQuery(ConsentQuery, { childId });
  const [notice, setNotice] = useState('');
  const failed = operationErrors(errors, data);

  return (
    <>
      <Link className="govuk-back-link" to={`/children/${childId}`}>
        Back to the child's record
      </Link>
      {notice && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="consent-notice-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="consent-notice-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{notice}</p>
          </div>
        </div>
      )}
      <PageHeading caption="Child record">Consent to share</PageHeading>
      <ErrorSummary problems={failed.map((e) => ({ text: e.message }))} />
      {loading && !data ? (
        <Loading />
      ) : data ? (
        <>
          <h2 className="govuk-heading-m">Consent history</h2>
          {data.consentHistory.length === 0 ? (
            <p className="govuk-body">No consent has been recorded.</p>
          ) : (
            data.consentHistory.map((consent) => (
              <ConsentCard
                key={consent.id}
                consent={consent}
                onWithdrawn={() => {
                  setNotice(`Consent to share ${humanise(consent.scope).toLowerCase()} withdrawn`);
                  reload();
                }}
              />
            ))
          )}
          <RecordConsentForm
            childId={childId}
            agencies={data.agencies}
            onRecorded={(count) => {
              setNotice(`${count} ${count === 1 ? 'consent' : 'consents'} recorded`);
              reload();
            }}
          />
        </>
      ) : null}
    </>
  );
}

function ConsentCard({ consent, onWithdrawn }: { consent: Consent; onWithdrawn: () => void }) {
  const { run } = useSession();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const fieldId = `withdraw-reason-${consent.id}`;
  const recipient = consent.recipientAgency?.name ?? (consent.recipientAgencyType ? `any ${humanise(consent.recipientAgencyType).toLowerCase()}` : 'Not known');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblems([{ field: fieldId, text: 'Enter why consent is being withdrawn' }]);
    const answer = await run(WithdrawConsent, { input: { consentId: consent.id, reason: reason.trim() } });
    if (answer.errors.length) return setProblems(problemsFrom(answer.errors, { reason: fieldId }));
    setWithdrawing(false);
    onWithdrawn();
  };

  return (
    <div className="govuk-summary-card" data-consent-scope={consent.scope} data-consent-status={consent.status}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          {humanise(consent.scope)} to {recipient}
        </h3>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <StatusTag status={consent.status} />
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row label="Given by" value={`${humanise(consent.givenBy)}, ${formatDateTime(consent.givenAt)}`} />
          <Row label="Explanation given to the child" value={consent.explanation} />
          {consent.expiresAt && <Row label="Expires" value={formatDateTime(consent.expiresAt)} />}
          {consent.evidenceReference && <Row label="Evidence" value={consent.evidenceReference} />}
          <Row label="Recorded by" value={consent.recordedByAgency.name} />
          {consent.withdrawnAt && <Row label="Withdrawn" value={`${formatDateTime(consent.withdrawnAt)}: ${consent.withdrawalReason ?? ''}`} />}
        </dl>
        {consent.status === 'ACTIVE' &&
          (withdrawing ? (
            <form onSubmit={submit} noValidate>
              <ErrorSummary problems={problems} />
              <TextArea
                id={fieldId}
                label="Why is consent being withdrawn?"
                hint="Sharing stops at once. Past disclosures stay on record."
                value={reason}
                onChange={setReason}
                error={problemFor(problems, fieldId)}
              />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button govuk-button--warning">
                  Withdraw consent
                </button>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setWithdrawing(false)}>
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setWithdrawing(true)}>
              Withdraw<span className="govuk-visually-hidden"> consent to share {humanise(consent.scope).toLowerCase()} with {recipient}</span>
            </button>
          ))}
      </div>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
}

function RecordConsentForm(props: { childId: string; agencies: { id: string; name: string }[]; onRecorded: (count: number) => void }) {
  const { run } = useSession();
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [recipient, setRecipient] = useState('');
  const [givenBy, setGivenBy] = useState('');
  const [givenOn, setGivenOn] = useState(todayIso());
  const [expiresOn, setExpiresOn] = useState('');
  const [explanation, setExplanation] = useState('');
  const [evidence, setEvidence] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormProblem[] = [];
    if (scopes.length === 0) missing.push({ field: 'consent-scopes', text: 'Select what the child agrees to share' });
    if (!recipient) missing.push({ field: 'consent-recipient', text: 'Select who it may be shared with' });
    if (!givenBy) missing.push({ field: 'consent-given-by', text: 'Select who gave consent' });
    if (!givenOn) missing.push({ field: 'consent-given-on', text: 'Enter the date consent was given' });
    if (!explanation.trim()) missing.push({ field: 'consent-explanation', text: 'Enter the explanation given to the child' });
    if (missing.length) return setProblems(missing);
    const givenAt = givenOn === todayIso() ? new Date(Date.now() - 60_000).toISOString() : `${givenOn}T09:00:00.000Z`;
    const answer = await run(RecordConsent, {
      input: {
        childId: props.childId,
        scopes,
        recipientAgencyId: recipient,
        givenBy: givenBy as 'CHILD',
        givenAt,
        expiresAt: expiresOn ? `${expiresOn}T23:59:59.000Z` : null,
        explanation: explanation.trim(),
        evidenceReference: evidence.trim() || null,
      },
    });
    if (answer.errors.length) {
      return setProblems(
        problemsFrom(answer.errors, {
          scopes: 'consent-scopes', recipientAgencyId: 'consent-recipient', givenBy: 'consent-given-by', givenAt: 'consent-given-on',
          expiresAt: 'consent-expires-on', explanation: 'consent-explanation', evidenceReference: 'consent-evidence',
        }),
      );
    }
    setProblems([]);
    setScopes([]);
    setExplanation('');
    setEvidence('');
    props.onRecorded(answer.data?.recordConsent.length ?? 0);
  };

  const scopeError = problemFor(problems, 'consent-scopes');
  return (
    <form onSubmit={submit} noValidate className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m">Record consent</h2>
      <ErrorSummary problems={problems} />
      <div className={`govuk-form-group${scopeError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={scopeError ? 'consent-scopes-error' : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What the child agrees to share</legend>
          <HintAndError id="consent-scopes" error={scopeError} />
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {SCOPES.map((scope, i) => {
              const id = i === 0 ? 'consent-scopes' : `consent-scopes-${i}`;
              return (
                <div className="govuk-checkboxes__item" key={scope}>
                  <input
                    className="govuk-checkboxes__input"
                    id={id}
                    type="checkbox"
                    checked={scopes.includes(scope)}
                    onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                    {humanise(scope)}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <Select
        id="consent-recipient"
        label="Who it may be shared with"
        value={recipient}
        onChange={setRecipient}
        error={problemFor(problems, 'consent-recipient')}
        options={[{ value: '', text: 'Choose an agency' }, ...props.agencies.map((a) => ({ value: a.id, text: a.name }))]}
      />
      <Radios
        id="consent-given-by"
        label="Who gave consent"
        small
        value={givenBy}
        onChange={setGivenBy}
        error={problemFor(problems, 'consent-given-by')}
        options={['CHILD', 'PARENT', 'CARER', 'LOCAL_AUTHORITY'].map((v) => ({ value: v, text: humanise(v) }))}
      />
      <TextInput id="consent-given-on" label="Date consent was given" type="date" width={10} value={givenOn} onChange={setGivenOn} error={problemFor(problems, 'consent-given-on')} />
      <TextInput id="consent-expires-on" label="Consent ends on (optional)" type="date" width={10} value={expiresOn} onChange={setExpiresOn} error={problemFor(problems, 'consent-expires-on')} />
      <TextArea
        id="consent-explanation"
        label="Explanation given to the child"
        hint="In the words you used: who will see what, why, and that they can change their mind at any time."
        value={explanation}
        onChange={setExplanation}
        error={problemFor(problems, 'consent-explanation')}
      />
      <TextInput id="consent-evidence" label="Evidence reference (optional)" hint="For example, the signed form's reference" width={20} value={evidence} onChange={setEvidence} error={problemFor(problems, 'consent-evidence')} />
      <button type="submit" className="govuk-button">
        Record consent
      </button>
    </form>
  );
}
