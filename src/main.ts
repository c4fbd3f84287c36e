import 'reflect-metadata';
import { startHub } from './hub';
import { loadKeyStore } from './shared/auth/key-store';
import { ConfigError, loadConfig, type Config } from './shared/config';
import { LOCK_MIGRATIONS, withAdvisoryLock } from './shared/db/advisory-lock';
import { createDataSource, runMigrations } from './shared/db/data-source';
import { provisionDatabase, type ProvisionedDatabase } from './shared/db/database-provisioning';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from './shared/logging/logger';
import { loadPolicySet, PolicyFileError } from './shared/policy/policy-loader';
import { seedDemoData } from '../seeds/seed-demo-data';
import { startDeadlineWorker } from './subgraphs/cases/deadlines/deadline-alert.job';
import { startWebhookWorker } from './integrations/webhooks/webhook-worker';
import { webhookUrlPolicy } from './integrations/webhooks/webhook-url-policy';
import { printStartBanner } from './start-banner';
import { loadTrustedDocuments } from './integrations/trusted-documents/trusted-documents.loader';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, service: 'hub' });
  // Policies first: a bad policy file must stop the service before it serves anything.
  const policy = policyOrExit();
  const trustedDocuments = policyOrExit(() => loadTrustedDocuments(config.trustedDocumentsDir));
  logger.info({ policyVersion: policy.version.slice(0, 12), agreements: policy.agreements.length }, 'policies loaded');

  // A gateway on its own decides nothing and stores nothing: it needs no database and no keys.
  const needsDatabase = config.services.some((s) => s !== 'gateway');
  const { db, database } = needsDatabase ? await prepareDatabase(config, logger) : {};
  const keys = needsDatabase ? loadKeyStore(config.jwt.keysDir, { generateIfEmpty: config.jwt.generateKeys }) : { publicKeys: new Map() };
  const hub = await startHub({ config, db, keys, logger, policy, trustedDocuments });
  // The job that raises deadline alerts as time passes; graphile-worker runs each cron tick once
  // however many cases processes there are, and alerts are deduplicated in the database.
  const deadlineWorker =
    db && database && config.services.includes('cases')
      ? await startDeadlineWorker({ databaseUrl: database.url, logger: logger.child({ component: 'deadline-worker' }), db })
      : undefined;
  // Delivers the outbox to partners' webhooks; several processes may each run one (rows are claimed with SKIP LOCKED).
  const webhookWorker =
    db && database && config.services.includes('sharing')
      ? await startWebhookWorker({
          databaseUrl: database.url,
          db,
          policy,
          logger: logger.child({ component: 'webhook-worker' }),
          settings: { urlPolicy: webhookUrlPolicy(config.webhooks) },
          feedRetentionDays: config.changeFeedRetentionDays,
        })
      : undefined;
  printStartBanner(hub, database?.embedded ?? false);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs).unref();
    await hub.stop();
    await deadlineWorker?.stop();
    await webhookWorker?.stop();
    await db?.destroy();
    await database?.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Embedded or external PostgreSQL, migrated (and seeded with demo data where configured). */
async function prepareDatabase(config: Config, logger: Logger): Promise<{ db: DataSource; database: ProvisionedDatabase }> {
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: config.databasePoolSize });
  await db.initialize();
  const applied = await withAdvisoryLock(db, LOCK_MIGRATIONS, () => runMigrations(db));
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  if (config.seedDemoData) logger.info(await seedDemoData(db), 'demo data loaded');
  return { db, database };
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}

function policyOrExit<T = ReturnType<typeof loadPolicySet>>(load: () => T = loadPolicySet as () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
