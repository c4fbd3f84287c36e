import 'reflect-metadata';
import fs from 'node:fs';
import { registrableJwk } from '../src/integrations/oauth/client-public-key';
import { loadConfig } from '../src/shared/config';
import { createDataSource } from '../src/shared/db/data-source';
import { provisionDatabase } from '../src/shared/db/database-provisioning';
import { createLogger } from '../src/shared/logging/logger';

/**
 * `npm run client:key -- <client id> <public key file>`: registers a partner system's public key
 * (PEM or JWK) for signed client assertions (private_key_jwt). From then on the client
 * authenticates only with assertions; its secret, if any, stops working.
 */
async function main([clientId, file]: string[]): Promise<void> {
  if (!clientId || !file) throw new Error('usage: npm run client:key -- <client id> <public key file (PEM or JWK)>');
  const jwk = registrableJwk(fs.readFileSync(file, 'utf8'));
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', service: 'client-key' });
  const database = await provisionDatabase(config, logger);
  const db = createDataSource({ url: database.url, poolSize: 1, applicationName: 'client-key' });
  await db.initialize();
  try {
    const [rows]: [unknown[], number] = await db.query(`UPDATE machine_client SET public_jwk = $2 WHERE client_id = $1 RETURNING 1`, [
      clientId,
      JSON.stringify(jwk),
    ]);
    if (rows.length === 0) throw new Error(`no client ${clientId}`);
    process.stdout.write(`registered a ${jwk.kty} public key for ${clientId}\n`);
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`client:key failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
