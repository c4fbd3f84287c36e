import type { DataSource } from 'typeorm';
import { startHub, type RunningHub } from '../../src/hub';
import { createDataSource } from '../../src/shared/db/data-source';
import { loadKeyStore, type KeyStore } from '../../src/shared/auth/key-store';
import { generateInternalSigningKey } from '../../src/shared/auth/internal-signing-key';
import { signToken } from '../../src/shared/auth/token-signer';
import { loadConfig, type Config, type ServiceName } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logging/logger';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { DEMO_CLIENTS, DEMO_USERS } from '../../seeds/demo-users';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TEST_ENV, testEnv } from './test-environment';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export interface TestHubOptions {
  /** Serve this database (already migrated and seeded) instead of a fresh clone of the template; it is not dropped. */
  databaseUrl?: string;
  /** Extra environment for loadConfig, e.g. low rate limits or NODE_ENV=production. */
  env?: Record<string, string>;
}

export interface TestHub {
  config: Config;
  /** The running services, e.g. to stop one subgraph. */
  running: RunningHub;
  db: DataSource;
  database: TestDatabase;
  keys: KeyStore;
  /** `/graphql` URL of the gateway or of one subgraph reached directly. */
  graphqlUrl: (service?: ServiceName) => string;
  baseUrl: (service?: ServiceName) => string;
  tokenFor: (handle: string, ttlSeconds?: number) => string;
  query: <T = Record<string, unknown>>(
    query: string,
    options?: { as?: string; token?: string; variables?: Record<string, unknown>; service?: ServiceName; headers?: Record<string, string> },
  ) => Promise<GraphQLResponse<T>>;
  stop: () => Promise<void>;
}

/** The whole hub (gateway and subgraphs, real HTTP on loopback) over this test file's own database. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const database = options.databaseUrl ? await existingDatabase(options.databaseUrl) : await createTestDatabase('seeded');
  const logFile = process.env[TEST_ENV.logFile];
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.HUB_TEST_LOG_LEVEL ?? (logFile ? 'info' : 'silent'),
    HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    CASES_PORT: '0',
    SHARING_PORT: '0',
    ACCOMMODATION_PORT: '0',
    DATABASE_URL: database.url,
    JWT_KEYS_DIR: testEnv('keysDir'),
    JWT_GENERATE_KEYS: 'false',
    ...options.env,
  });
  const keys = loadKeyStore(config.jwt.keysDir, { generateIfEmpty: false });
  // A file's own key folder (e.g. for rotation) gets the gateway–subgraph key too; it never replaces one.
  generateInternalSigningKey(config.jwt.keysDir);
  // With a log file (global setup sets one) every service's log of the whole run is kept for the personal-data scan.
  const logger = createLogger({ level: config.logLevel, service: 'test-hub', destination: logFile });
  let hub: RunningHub;
  try {
    hub = await startHub({ config, db: database.db, keys, logger, policy: loadPolicySet() });
  } catch (error) {
    await database.drop();
    throw error;
  }

  const baseUrl = (service: ServiceName = 'gateway') => {
    const url = hub.url(service);
    if (!url) throw new Error(`${service} is not running`);
    return url;
  };
  const tokenFor = (handle: string, ttlSeconds = 600) => {
    const user = DEMO_USERS.find((u) => u.username === handle);
    const client = DEMO_CLIENTS.find((c) => c.client_id === handle);
    if (!user && !client) throw new Error(`no demo principal ${handle}`);
    const claims = user ? { sub: user.id, typ: 'user' as const } : { sub: client!.id, typ: 'client' as const };
    return signToken(claims, keys.signingKey!, config.jwt, ttlSeconds);
  };

  return {
    config,
    running: hub,
    db: database.db,
    database,
    keys,
    baseUrl,
    graphqlUrl: (service) => `${baseUrl(service)}/graphql`,
    tokenFor,
    query: async <T>(query: string, options: Parameters<TestHub['query']>[1] = {}): Promise<GraphQLResponse<T>> => {
      const token = options.token ?? (options.as ? tokenFor(options.as) : undefined);
      const response = await fetch(`${baseUrl(options.service)}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>['body'] };
    },
    stop: async () => {
      await hub.stop();
      await database.drop();
    },
  };
}

/** A database this file manages itself (e.g. on a PostgreSQL it stops and restarts): closed, never dropped. */
async function existingDatabase(url: string): Promise<TestDatabase> {
  const db = createDataSource({ url, poolSize: 10, applicationName: 'hub-test' });
  await db.initialize();
  return {
    name: new URL(url).pathname.slice(1),
    url,
    db,
    drop: async () => {
      if (db.isInitialized) await db.destroy();
    },
  };
}
