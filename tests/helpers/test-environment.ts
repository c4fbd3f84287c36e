/** Values global setup hands to every test worker through the environment. */
export const TEST_ENV = {
  adminUrl: 'HUB_TEST_ADMIN_URL',
  seededTemplate: 'HUB_TEST_SEEDED_TEMPLATE',
  runId: 'HUB_TEST_RUN_ID',
  keysDir: 'HUB_TEST_KEYS_DIR',
  seedDate: 'HUB_TEST_SEED_DATE',
  /** Every test hub's services append their logs here (scanned for personal data after the run). */
  logFile: 'HUB_TEST_LOG_FILE',
} as const;

export function testEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value) throw new Error(`${TEST_ENV[name]} is not set: run the tests through jest (global setup)`);
  return value;
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
