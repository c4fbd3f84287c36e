import express, { type Express } from 'express';
import { DEMO_USERS } from '../../seeds/demo-users';
import type { SigningKey } from '../shared/auth/key-store';
import type { TokenSettings } from '../shared/auth/token-claims';
import { signToken } from '../shared/auth/token-signer';

const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

/**
 * Development only: the web app's "pick a demo user" sign-in, signing with the same keys as
 * `npm run token`. The caller mounts it only outside production and with DEV_SIGN_IN on.
 */
export function mountDevSignIn(app: Express, options: { signingKey: SigningKey; settings: TokenSettings }): void {
  app.get('/dev/sign-in', (_req, res) => {
    res.json({ users: DEMO_USERS.map((u) => ({ username: u.username, description: u.description })) });
  });
  app.post('/dev/sign-in', express.json({ limit: '1kb' }), (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const username: unknown = (req.body as { username?: unknown } | undefined)?.username;
    const user = DEMO_USERS.find((u) => u.username === username);
    if (!user) {
      res.status(400).json({ errors: [{ message: 'Choose one of the demo users', extensions: { code: 'VALIDATION_FAILED', field: 'username' } }] });
      return;
    }
    const token = signToken({ sub: user.id, typ: 'user' }, options.signingKey, options.settings, DEV_TOKEN_TTL_SECONDS);
    res.json({ token, expiresIn: DEV_TOKEN_TTL_SECONDS });
  });
}
