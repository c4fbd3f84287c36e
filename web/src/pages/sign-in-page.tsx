import { useEffect, useState, type FormEvent } from 'react';
import { ErrorSummary, problemFor, type FormProblem } from '../components/error-summary';
import { Radios, TextArea } from '../components/fields';
import { PageHeading } from '../components/layout';
import { useSession } from '../session/session';
import { useTitle } from '../use-title';
import { useWebSettings } from '../session/web-settings';

interface DemoUser {
  username: string;
  description: string;
}

/**
 * Production: paste the bearer token the organisation's identity provider issued. Development
 * (DEV_SIGN_IN): pick a demo user and the gateway signs a token with the development keys.
 */
export function SignInPage() {
  useTitle('Sign in');
  const { signIn } = useSession();
  const settings = useWebSettings();
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);

  useEffect(() => {
    if (settings?.devSignIn) void fetch('/dev/sign-in').then(async (r) => setUsers(((await r.json()) as { users: DemoUser[] }).users));
  }, [settings]);

  const demoSignIn = async (event: FormEvent) => {
    event.preventDefault();
    if (!username) return setProblems([{ field: 'username', text: 'Choose a demo user' }]);
    const answer = await fetch('/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
    if (!answer.ok) return setProblems([{ field: 'username', text: 'Choose one of the demo users' }]);
    const problem = await signIn(((await answer.json()) as { token: string }).token);
    setProblems(problem ? [{ text: problem }] : []);
  };

  const tokenSignIn = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) return setProblems([{ field: 'token', text: 'Enter the access token from your identity provider' }]);
    const problem = await signIn(trimmed.replace(/^Bearer\s+/i, ''));
    setProblems(problem ? [{ field: 'token', text: problem }] : []);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} />
        <PageHeading>Sign in to the Resettlement Hub</PageHeading>
        {settings?.devSignIn && (
          <form onSubmit={demoSignIn} noValidate>
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Development sign-in: demo users and demo data only.
              </strong>
            </div>
            <Radios
              id="username"
              label="Sign in as a demo user"
              small
              value={username}
              onChange={setUsername}
              error={problemFor(problems, 'username')}
              options={users.map((u) => ({ value: u.username, text: u.username, hint: u.description }))}
            />
            <button type="submit" className="govuk-button">
              Sign in as demo user
            </button>
          </form>
        )}
        <form onSubmit={tokenSignIn} noValidate>
          <h2 className="govuk-heading-m">Sign in with your organisation's account</h2>
          <p className="govuk-body">
            {settings?.identityProviderUrl ? (
              <>
                <a className="govuk-link" href={settings.identityProviderUrl} rel="noreferrer noopener" target="_blank">
                  Get an access token from your organisation's identity provider (opens in a new tab)
                </a>
                , then paste it here.
              </>
            ) : (
              'Paste the access token your organisation’s identity provider gave you.'
            )}{' '}
            It is kept only in this browser tab and is forgotten when you close it.
          </p>
          <TextArea id="token" label="Access token" rows={3} value={token} onChange={setToken} error={problemFor(problems, 'token')} />
          <button type="submit" className={`govuk-button${settings?.devSignIn ? ' govuk-button--secondary' : ''}`}>
            Sign in with token
          </button>
        </form>
      </div>
    </div>
  );
}
