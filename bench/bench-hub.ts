import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateInternalSigningKey } from '../src/shared/auth/internal-signing-key';
import { generateKeyPair, loadKeyStore, type KeyStore } from '../src/shared/auth/key-store';
import { signToken } from '../src/shared/auth/token-signer';
import { loadConfig, type Config } from '../src/shared/config';
import { DEMO_CLIENTS, DEMO_USERS } from '../seeds/demo-users';

/**
 * Throwaway keys for the run: the token signing key, shared by the harness (tokens) and every level
 * (verification), and the gateway's internal key for signing document hashes to the subgraphs.
 */
export function benchKeys(): { dir: string; keys: KeyStore; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-keys-'));
  generateKeyPair(dir);
  generateInternalSigningKey(dir);
  return { dir, keys: loadKeyStore(dir, { generateIfEmpty: false }), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The hub's configuration for a benchmark level. Rate limits are raised out of the way (a load
 * run from one address as a few principals would otherwise measure refusals); everything else is
 * as shipped.
 */
export function benchConfig(options: { databaseUrl: string; keysDir: string; services: string; poolSize?: number }): Config {
  return loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVICES: options.services, GATEWAY_PORT: '0', CASES_PORT: '0', SHARING_PORT: '0',
    ACCOMMODATION_PORT: '0', DATABASE_URL: options.databaseUrl, DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    JWT_KEYS_DIR: options.keysDir, JWT_GENERATE_KEYS: 'false',
    RATE_LIMIT_PER_PRINCIPAL: '10000000', RATE_LIMIT_GATEWAY_PER_TOKEN: '10000000', RATE_LIMIT_GATEWAY_PER_ADDRESS: '10000000',
  });
}

/** A bearer token for a demo user (by username) or machine client (by client id), valid for the run. */
export function benchToken(keys: KeyStore, config: Config, handle: string, ttlSeconds = 4 * 3600): string {
  const user = DEMO_USERS.find((u) => u.username === handle);
  const client = DEMO_CLIENTS.find((c) => c.client_id === handle);
  if (!user && !client) throw new Error(`no demo principal ${handle}`);
  const claims = user ? { sub: user.id, typ: 'user' as const } : { sub: client!.id, typ: 'client' as const };
  return signToken(claims, keys.signingKey!, config.jwt, ttlSeconds);
}
