import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const INTERNAL_KEY_FILE = 'internal-signing.key';
const MIN_BYTES = 32;

/**
 * The secret the gateway and the subgraphs share to sign what the gateway tells a subgraph about a
 * request (e.g. the hash of the client's original document). INTERNAL_SIGNING_KEY if set, else
 * `<JWT_KEYS_DIR>/internal-signing.key`, created on first start where keys may be generated.
 */
export function loadInternalSigningKey(options: { fromEnvironment?: string; keysDir: string; generate: boolean }): Buffer {
  if (options.fromEnvironment) return checked(Buffer.from(options.fromEnvironment, 'utf8'), 'INTERNAL_SIGNING_KEY');
  const file = path.join(options.keysDir, INTERNAL_KEY_FILE);
  if (!fs.existsSync(file)) {
    if (!options.generate) throw new Error(`No internal signing key: set INTERNAL_SIGNING_KEY or create ${file}`);
    generateInternalSigningKey(options.keysDir);
  }
  return checked(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8'), file);
}

/** Writes a random key unless one exists (several processes may start at once: the first wins). */
export function generateInternalSigningKey(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(path.join(dir, INTERNAL_KEY_FILE), `${randomBytes(MIN_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function checked(key: Buffer, source: string): Buffer {
  if (key.length < MIN_BYTES) throw new Error(`${source}: the internal signing key must be at least ${MIN_BYTES} characters`);
  return key;
}
