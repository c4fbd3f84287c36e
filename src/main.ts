import 'reflect-metadata';
import { startHub } from './hub';
import { loadKeyStore } from './shared/auth/key-store';
import { ConfigError, loadConfig, type Config } from './shared/config';
import { LOCK_MIGRATIONS, withAdvisoryLock } from './shared/db/advisory-lock';
import { createDataSource, runMigrations } from './shared/db/data-source';
import { provisionDatabase } from './shared/db/database-provisioning';
import { createLogger } from './shared/logging/logger';
import { loadPolicySet } from './shared/policy/policy-loader';
import { seedDemoData } from '../seeds/seed-demo-data';
import { printStartBanner } from './start-banner';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, service: 'hub' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: config.databasePoolSize });
  await db.initialize();
  const applied = await withAdvisoryLock(db, LOCK_MIGRATIONS, () => runMigrations(db));
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  if (config.seedDemoData) logger.info(await seedDemoData(db), 'demo data loaded');
  const keys = loadKeyStore(config.jwt.keysDir, { generateIfEmpty: config.jwt.generateKeys });
  const policy = loadPolicySet();
  logger.info({ policyVersion: policy.version.slice(0, 12), agreements: policy.agreements.length }, 'policies loaded');
  const hub = await startHub({ config, db, keys, logger, policy });
  printStartBanner(hub, database.embedded);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs).unref();
    await hub.stop();
    await db.destroy();
    await database.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
