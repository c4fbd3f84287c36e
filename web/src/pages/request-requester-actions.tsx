import { useState, type FormEvent } from 'react';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { TextArea } from '../components/fields';
import { StatusTag } from '../components/tags';
import { graphql } from '../graphql/graphql';
import { problemsFrom } from '../graphql/mutation-problems';
import { formatDate, humanise } from '../format';
import { useSession } from '../session/session';
import { Thread, type Recipient, type RequestData } from './request-page';

const AcceptOffer = graphql(`mutation AcceptOffer($input: AcceptOfferInput!) { acceptOffer(input: $input) { id status } }`);
const Reply = graphql(`mutation Reply($input: ReplyToClarificationInput!) { replyToClarification(input: $input) { id status } }`);

/** The youth justice service's side: each provider's response, answers to questions, and offers to accept. */
export function RequesterDecisions({ request, onChanged }: { request: RequestData; onChanged: () => void }) {
  const { run } = useSession();
  const [problems, setProblems] = useState<FormProblem[]>([]);

  const accept = async (offerId: string) => {
    const answer = await run(AcceptOffer, { input: { offerId, expectedVersion: request.version } });
    setProblems(problemsFrom(answer.errors));
    if (!answer.errors.length) onChanged();
  };

  return (
    <>
      <h2 className="govuk-heading-m">Offers</h2>
      <ErrorSummary problems={problems} />
      {!request.offers?.length ? (
        <p className="govuk-body">No offers yet.</p>
      ) : (
        request.offers.map((offer) => (
          <div className="govuk-summary-card" key={offer.id} data-offer-status={offer.status}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{offer.provider.name}</h3>
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <StatusTag status={offer.status} />
                </li>
              </ul>
            </div>
            <div className="govuk-summary-card__content">
              <dl className="govuk-summary-list">
                {[
                  ['Address', [offer.address.line1, offer.address.line2, offer.address.town, offer.address.postcode].filter(Boolean).join(', ')],
                  ['Type', humanise(offer.accommodationType)],
                  ['Available from', formatDate(offer.availableFrom)],
                  ['Held until', offer.holdUntil ? formatDate(offer.holdUntil) : 'Not stated'],
                  ['Conditions', offer.conditions ?? 'None'],
                ].map(([key, value]) => (
                  <div className="govuk-summary-list__row" key={key}>
                    <dt className="govuk-summary-list__key">{key}</dt>
                    <dd className="govuk-summary-list__value">{value}</dd>
                  </div>
                ))}
              </dl>
              {offer.status === 'MADE' && request.status === 'OPEN' && (
                <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void accept(offer.id)}>
                  Accept offer<span className="govuk-visually-hidden"> from {offer.provider.name}</span>
                </button>
              )}
            </div>
          </div>
        ))
      )}
      <h2 className="govuk-heading-m">Providers</h2>
      {(request.recipients ?? []).map((part) => (
        <ProviderPart key={part.id} request={request} part={part} onChanged={onChanged} />
      ))}
    </>
  );
}

function ProviderPart({ request, part, onChanged }: { request: RequestData; part: Recipient; onChanged: () => void }) {
  const { run } = useSession();
  const [answer, setAnswer] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const fieldId = `answer-${part.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) return setProblems([{ field: fieldId, text: 'Enter your answer' }]);
    const result = await run(Reply, { input: { recipientId: part.id, expectedVersion: part.version, answer: answer.trim() } });
    setProblems(problemsFrom(result.errors, { answer: fieldId }));
    if (!result.errors.length) {
      setAnswer('');
      onChanged();
    }
  };
  return (
    <div className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s">
        {part.provider.name} <StatusTag status={part.status} />
      </h3>
      {part.declineReason && <p className="govuk-body">Declined: {humanise(part.declineReason)}</p>}
      <Thread part={part} />
      {part.status === 'CLARIFICATION_REQUESTED' && request.status === 'OPEN' && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextArea id={fieldId} label={`Answer ${part.provider.name}`} rows={3} value={answer} onChange={setAnswer} error={problemFor(problems, fieldId)} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Send answer
          </button>
        </form>
      )}
    </div>
  );
}
