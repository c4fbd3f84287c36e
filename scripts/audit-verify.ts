import 'reflect-metadata';
import fs from 'node:fs';
import { loadKeyStore, type KeyStore } from '../src/shared/auth/key-store';
import { verifyAuditChain } from '../src/shared/audit/audit-verifier';
import { loadConfig } from '../src/shared/config';
import { createDataSource } from '../src/shared/db/data-source';
import { provisionDatabase } from '../src/shared/db/database-provisioning';
import { createLogger } from '../src/shared/logging/logger';

/**
 * `npm run audit:verify`: checks the disclosure log's hash chain end to end and prints one line.
 * Exit 0 when it is intact, 1 naming the first broken entry, 2 when it could not be checked.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'audit-verify' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: 2, applicationName: 'audit-verify' });
  await db.initialize();
  try {
    const result = await verifyAuditChain(db, { keyStore: publicKeysIn(config.jwt.keysDir) });
    if (result.ok) {
      const from = result.checkpointId ? `checkpoint ${result.checkpointId}` : 'genesis';
      process.stdout.write(`audit chain OK: ${result.entries} entries verified from ${from}\n`);
      return 0;
    }
    const where = result.firstBrokenSeq
      ? `entry seq ${result.firstBrokenSeq} id ${result.firstBrokenId}`
      : `checkpoint ${result.checkpointId}`;
    process.stdout.write(`audit chain BROKEN at ${where} (${result.kind}): ${result.problem}\n`);
    return 1;
  } finally {
    await db.destroy();
    await database.stop();
  }
}

/** Checkpoint keys; with none, a log that was never purged still verifies. */
function publicKeysIn(dir: string): Pick<KeyStore, 'publicKeys'> {
  const hasKeys = fs.existsSync(dir) && fs.readdirSync(dir).some((file) => file.endsWith('.public.pem'));
  return hasKeys ? loadKeyStore(dir, { generateIfEmpty: false }) : { publicKeys: new Map() };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`Audit verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
