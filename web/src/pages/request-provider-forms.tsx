import { useState, type FormEvent } from 'react';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { Radios, Select, TextArea, TextInput } from '../components/fields';
import { SummaryList } from '../components/summary-list';
import { StatusTag } from '../components/tags';
import { graphql } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { formatDate, humanise, todayIso } from '../format';
import { useSession } from '../session/session';
import { Thread, type Recipient, type RequestData } from './request-page';

const Acknowledge = graphql(`mutation Acknowledge($input: ProviderAnswerInput!) { acknowledgeRequest(input: $input) { id status } }`);
const Ask = graphql(`mutation Ask($input: AskClarificationInput!) { askClarification(input: $input) { id status } }`);
const MakeOffer = graphql(`mutation MakeOffer($input: MakeOfferInput!) { makeOffer(input: $input) { id status } }`);
const Decline = graphql(`mutation Decline($input: DeclineRequestInput!) { declineRequest(input: $input) { id status } }`);

const ACCOMMODATION_TYPES = [
  'SUPPORTED_ACCOMMODATION', 'SUPPORTED_LODGINGS', 'FOYER_OR_HOSTEL', 'SOCIAL_TENANCY', 'PRIVATE_TENANCY',
  'FOSTER_PLACEMENT', 'CHILDRENS_HOME', 'FAMILY_HOME', 'EMERGENCY_TEMPORARY',
] as const;
const DECLINE_REASONS = ['NO_VACANCY', 'NEEDS_NOT_MET', 'RISK_NOT_MANAGEABLE', 'OUTSIDE_AREA', 'AGE_CRITERIA_NOT_MET', 'TIMESCALE_NOT_MET', 'OTHER'] as const;
/** While a provider's part is in one of these, it can still answer; the API checks every transition. */
const ANSWERABLE = new Set(['SENT', 'ACKNOWLEDGED', 'CLARIFICATION_REQUESTED']);

type Props = { request: RequestData; part: Recipient; onChanged: () => void };

/** A housing provider's part of a request: acknowledge, ask, offer or decline. */
export function ProviderResponse({ request, part, onChanged }: Props) {
  const { run } = useSession();
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const myOffer = request.offers?.find((o) => o.provider.id === part.provider.id);
  const answerable = ANSWERABLE.has(part.status) && request.status === 'OPEN';

  const acknowledge = async () => {
    const answer = await run(Acknowledge, { input: { requestId: request.id, expectedVersion: part.version } });
    setProblems(problemsFrom(answer.errors));
    if (!answer.errors.length) onChanged();
  };

  return (
    <section aria-labelledby="your-response">
      <h2 className="govuk-heading-m" id="your-response">
        Your response
      </h2>
      <p className="govuk-body">
        <StatusTag status={part.status} />
        {part.declineReason && <span className="govuk-body-s"> {humanise(part.declineReason)}</span>}
        {part.closedReason && <span className="govuk-body-s"> {humanise(part.closedReason)}</span>}
      </p>
      <ErrorSummary problems={problems} />
      <Thread part={part} />
      {myOffer && (
        <>
          <h3 className="govuk-heading-s">Your offer</h3>
          <SummaryList
            rows={[
              ['Address', [myOffer.address.line1, myOffer.address.line2, myOffer.address.town, myOffer.address.postcode].filter(Boolean).join(', ')],
              ['Type', humanise(myOffer.accommodationType)],
              ['Available from', formatDate(myOffer.availableFrom)],
              ['Status', <StatusTag key="s" status={myOffer.status} />],
            ]}
          />
        </>
      )}
      {answerable && (
        <>
          {part.status === 'SENT' && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void acknowledge()}>
              Acknowledge receipt
            </button>
          )}
          <AskForm request={request} part={part} onChanged={onChanged} />
          <OfferForm request={request} part={part} onChanged={onChanged} />
          <DeclineForm request={request} part={part} onChanged={onChanged} />
        </>
      )}
    </section>
  );
}

function AskForm({ request, part, onChanged }: Props) {
  const { run } = useSession();
  const [question, setQuestion] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim()) return setProblems([{ field: 'question', text: 'Enter your question' }]);
    const answer = await run(Ask, { input: { requestId: request.id, expectedVersion: part.version, question: question.trim() } });
    setProblems(problemsFrom(answer.errors, { question: 'question' }));
    if (!answer.errors.length) {
      setQuestion('');
      onChanged();
    }
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Ask the youth justice service a question</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextArea id="question" label="Your question" value={question} onChange={setQuestion} error={problemFor(problems, 'question')} rows={3} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Send question
          </button>
        </form>
      </div>
    </details>
  );
}

function OfferForm({ request, part, onChanged }: Props) {
  const { run } = useSession();
  const [form, setForm] = useState({ line1: '', line2: '', town: '', postcode: '', type: '', availableFrom: todayIso(), holdUntil: '', conditions: '' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const error = (id: string) => problemFor(problems, id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormProblem[] = [];
    if (!form.line1.trim()) missing.push({ field: 'offer-line1', text: 'Enter the first line of the address' });
    if (!form.town.trim()) missing.push({ field: 'offer-town', text: 'Enter the town or city' });
    if (!form.postcode.trim()) missing.push({ field: 'offer-postcode', text: 'Enter the postcode' });
    if (!form.type) missing.push({ field: 'offer-type', text: 'Select the type of accommodation' });
    if (!form.availableFrom) missing.push({ field: 'offer-available-from', text: 'Enter the date the accommodation is available from' });
    if (missing.length) return setProblems(missing);
    const answer = await run(MakeOffer, {
      input: {
        requestId: request.id,
        expectedVersion: part.version,
        address: { line1: form.line1.trim(), line2: form.line2.trim() || null, town: form.town.trim(), postcode: form.postcode.trim() },
        accommodationType: form.type as (typeof ACCOMMODATION_TYPES)[number],
        availableFrom: form.availableFrom,
        holdUntil: form.holdUntil || null,
        conditions: form.conditions.trim() || null,
      },
    });
    setProblems(
      problemsFrom(answer.errors, {
        address: 'offer-line1', line1: 'offer-line1', line2: 'offer-line2', town: 'offer-town', postcode: 'offer-postcode',
        accommodationType: 'offer-type', availableFrom: 'offer-available-from', holdUntil: 'offer-hold-until', conditions: 'offer-conditions',
      }),
    );
    if (!answer.errors.length) onChanged();
  };

  return (
    <details className="govuk-details" open>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Offer accommodation</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate aria-label="Offer accommodation">
          <ErrorSummary problems={problems} />
          <TextInput id="offer-line1" label="Address line 1" value={form.line1} onChange={set('line1')} error={error('offer-line1')} />
          <TextInput id="offer-line2" label="Address line 2 (optional)" value={form.line2} onChange={set('line2')} error={error('offer-line2')} />
          <TextInput id="offer-town" label="Town or city" width={20} value={form.town} onChange={set('town')} error={error('offer-town')} />
          <TextInput id="offer-postcode" label="Postcode" width={10} value={form.postcode} onChange={set('postcode')} error={error('offer-postcode')} />
          <Select
            id="offer-type"
            label="Type of accommodation"
            value={form.type}
            onChange={set('type')}
            error={error('offer-type')}
            options={[{ value: '', text: 'Choose a type' }, ...ACCOMMODATION_TYPES.map((t) => ({ value: t, text: humanise(t) }))]}
          />
          <TextInput id="offer-available-from" label="Available from" type="date" width={10} value={form.availableFrom} onChange={set('availableFrom')} error={error('offer-available-from')} />
          <TextInput id="offer-hold-until" label="Held until (optional)" type="date" width={10} value={form.holdUntil} onChange={set('holdUntil')} error={error('offer-hold-until')} />
          <TextArea id="offer-conditions" label="Conditions (optional)" rows={3} value={form.conditions} onChange={set('conditions')} error={error('offer-conditions')} />
          <button type="submit" className="govuk-button">
            Make offer
          </button>
        </form>
      </div>
    </details>
  );
}

function DeclineForm({ request, part, onChanged }: Props) {
  const { run } = useSession();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return setProblems([{ field: 'decline-reason', text: 'Select why you cannot offer accommodation' }]);
    const answer = await run(Decline, { input: { requestId: request.id, expectedVersion: part.version, reasonCode: reason as (typeof DECLINE_REASONS)[number] } });
    setProblems(problemsFrom(answer.errors, { reasonCode: 'decline-reason' }));
    if (!answer.errors.length) onChanged();
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Decline this request</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <Radios
            id="decline-reason"
            label="Why can you not offer accommodation?"
            small
            value={reason}
            onChange={setReason}
            error={problemFor(problems, 'decline-reason')}
            options={DECLINE_REASONS.map((r) => ({ value: r, text: humanise(r) }))}
          />
          <button type="submit" className="govuk-button govuk-button--warning">
            Decline request
          </button>
        </form>
      </div>
    </details>
  );
}
