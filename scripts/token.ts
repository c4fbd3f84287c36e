import 'reflect-metadata';
import { loadKeyStore } from '../src/shared/auth/key-store';
import { signToken } from '../src/shared/auth/token-signer';
import { loadConfig } from '../src/shared/config';
import { DEMO_CLIENTS, DEMO_USERS } from '../seeds/demo-users';

const DEFAULT_TTL_SECONDS = 8 * 3600;

/**
 * Development only: prints a signed token for a demo user or client and nothing else, so that
 * `TOKEN=$(npm run -s token -- leeds.cm)` works. Usage: token <username|client-id> [--ttl seconds]
 */
function main(argv: string[]): void {
  const config = loadConfig();
  if (config.nodeEnv === 'production') fail('the token command is for development; production tokens come from the identity provider');
  const [handle, ...rest] = argv;
  if (!handle) fail(`usage: npm run -s token -- <username> [--ttl seconds]\ndemo users: ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  const ttlIndex = rest.indexOf('--ttl');
  const ttl = ttlIndex >= 0 ? Number(rest[ttlIndex + 1]) : DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > 7 * 86400) fail('--ttl must be a whole number of seconds up to 7 days');
  const user = DEMO_USERS.find((u) => u.username === handle);
  const client = DEMO_CLIENTS.find((c) => c.client_id === handle);
  if (!user && !client) fail(`unknown demo user "${handle}"; demo users: ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  const keys = loadKeyStore(config.jwt.keysDir, { generateIfEmpty: config.jwt.generateKeys });
  if (!keys.signingKey) fail(`no private key in ${config.jwt.keysDir}`);
  const claims = user ? { sub: user.id, typ: 'user' as const } : { sub: client!.id, typ: 'client' as const };
  process.stdout.write(signToken(claims, keys.signingKey, config.jwt, ttl) + '\n');
}

function fail(message: string): never {
  process.stderr.write(message + '\n');
  process.exit(2);
}

main(process.argv.slice(2));
