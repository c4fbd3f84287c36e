import { ConfigError, loadConfig } from '../../src/shared/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

it('starts with defaults for development', () => {
  const config = loadConfig({});
  expect(config.ports).toEqual({ gateway: 4000, cases: 4001, sharing: 4002, accommodation: 4003 });
  expect(config.databaseUrl).toBeUndefined();
  expect(config.seedDemoData).toBe(true);
  expect(config.jwt.generateKeys).toBe(true);
});

it.each([
  [{ GATEWAY_PORT: 'abc' }, 'GATEWAY_PORT'],
  [{ CASES_PORT: '70000' }, 'CASES_PORT'],
  [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ SERVICES: 'gateway,billing' }, 'SERVICES'],
  [{ SEED_DEMO_DATA: 'yes' }, 'SEED_DEMO_DATA'],
  [{ SHARING_URL: 'not a url' }, 'SHARING_URL'],
  [{ AUDIT_RETENTION_DAYS: '7' }, 'AUDIT_RETENTION_DAYS'],
  [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
  [{ QUERY_MAX_DEPTH: '0' }, 'QUERY_MAX_DEPTH'],
  [{ QUERY_MAX_COST: 'lots' }, 'QUERY_MAX_COST'],
  [{ REQUEST_BODY_LIMIT_KB: '-1' }, 'REQUEST_BODY_LIMIT_KB'],
  [{ RATE_LIMIT_PER_PRINCIPAL: '0' }, 'RATE_LIMIT_PER_PRINCIPAL'],
  [{ RATE_LIMIT_KEY_PREFIX: 'has spaces' }, 'RATE_LIMIT_KEY_PREFIX'],
  [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
  [{ TRUST_PROXY: 'loopback, 10.0.0.0/33' }, 'TRUST_PROXY'],
])('names the bad variable in %j', (env, name) => {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^${name}: .*\\(got ".*"\\)$`));
});

it('reports every bad variable at once', () => {
  expect(problemsOf({ GATEWAY_PORT: 'x', LOG_LEVEL: 'y' }).map((p) => p.split(':')[0]).sort()).toEqual(['GATEWAY_PORT', 'LOG_LEVEL']);
});

it('requires real keys in production and refuses to generate them there', () => {
  expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_KEYS_DIR: required when NODE_ENV=production']);
  expect(problemsOf({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys', JWT_GENERATE_KEYS: 'true' })[0]).toMatch(/^JWT_GENERATE_KEYS/);
  const production = loadConfig({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys' });
  expect(production.seedDemoData).toBe(false);
});

it('turns the development sign-in on outside production only, and refuses it in production', () => {
  expect(loadConfig({}).web.devSignIn).toBe(true);
  expect(loadConfig({ DEV_SIGN_IN: 'false' }).web.devSignIn).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys' }).web.devSignIn).toBe(false);
  expect(problemsOf({ NODE_ENV: 'production', JWT_KEYS_DIR: '/keys', DEV_SIGN_IN: 'true' })).toEqual(['DEV_SIGN_IN: must not be true when NODE_ENV=production']);
  expect(problemsOf({ IDENTITY_PROVIDER_URL: 'not a url' })[0]).toMatch(/^IDENTITY_PROVIDER_URL/);
});

it('believes X-Forwarded-For from loopback only, unless TRUST_PROXY names the ingress', () => {
  expect(loadConfig({}).trustProxy).toEqual(['loopback']);
  expect(loadConfig({ TRUST_PROXY: 'loopback, 10.20.0.0/16,fd00::1' }).trustProxy).toEqual(['loopback', '10.20.0.0/16', 'fd00::1']);
});

it('treats empty variables as unset', () => {
  expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
});

it('has request and rate limits by default, counted in memory unless REDIS_URL is set', () => {
  const config = loadConfig({});
  expect(config.limits).toEqual({ bodyLimitBytes: 2048 * 1024, maxDepth: 10, maxCost: 20000, maxAliases: 15, maxDirectives: 10, maxTokens: 1000 });
  expect(config.rateLimit).toEqual({ redisUrl: undefined, keyPrefix: 'hub:rate', windowSeconds: 60, perPrincipal: 1800, gatewayPerToken: 600, gatewayPerAddress: 3000, tokenPerClient: 20, tokenPerAddress: 120 });
  expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).rateLimit.redisUrl).toBe('redis://127.0.0.1:6379/2');
});
