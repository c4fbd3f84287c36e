import { startHub } from '../../src/hub';
import { loadKeyStore } from '../../src/shared/auth/key-store';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logging/logger';
import { AccessControl } from '../../src/shared/policy/access-control';
import { loadPolicySet } from '../../src/shared/policy/policy-loader';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { testEnv } from '../helpers/test-environment';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('seeded');
});
afterAll(async () => {
  await database?.drop();
});

const start = (nodeEnv: 'production' | 'test', replaced: 'appendAudit' | 'accessControl') =>
  startHub({
    config: loadConfig({
      NODE_ENV: nodeEnv, LOG_LEVEL: 'silent', SERVICES: 'cases', CASES_PORT: '0', DATABASE_URL: database.url,
      JWT_KEYS_DIR: testEnv('keysDir'), JWT_GENERATE_KEYS: 'false',
    }),
    db: database.db,
    keys: loadKeyStore(testEnv('keysDir'), { generateIfEmpty: false }),
    logger: createLogger({ level: 'silent', service: 'test' }),
    policy: loadPolicySet(),
    ...(replaced === 'appendAudit'
      ? { appendAudit: async () => undefined }
      : { accessControl: (...args: ConstructorParameters<typeof AccessControl>) => new AccessControl(...args) }),
  });

// Only the benchmark replaces these (its "policy and audit off" level); a production hub cannot.
test.each(['appendAudit', 'accessControl'] as const)('a production hub refuses a replaced %s', async (replaced) => {
  await expect(start('production', replaced)).rejects.toThrow(/cannot be replaced when NODE_ENV=production/);
});

test('outside production the benchmark may replace them', async () => {
  const hub = await start('test', 'accessControl');
  expect(hub.url('cases')).toMatch(/^http:/);
  await hub.stop();
});
