import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** RSA keys parsed once into KeyObjects; verification looks keys up by `kid`. */
export interface KeyStore {
  publicKeys: ReadonlyMap<string, KeyObject>;
  /** The newest key with a private half, if this process holds one. */
  signingKey?: SigningKey;
}

const PUBLIC_SUFFIX = '.public.pem';
const PRIVATE_SUFFIX = '.private.pem';

/**
 * Loads `<kid>.public.pem` / `<kid>.private.pem` pairs from a folder. Kids sort by creation time,
 * so the last one with a private key signs. With `generateIfEmpty`, a first key pair is created.
 */
export function loadKeyStore(dir: string, options: { generateIfEmpty: boolean }): KeyStore {
  if (!fs.existsSync(dir) || listKids(dir).length === 0) {
    if (!options.generateIfEmpty) throw new Error(`No signing keys found in ${dir} (JWT_KEYS_DIR)`);
    generateKeyPair(dir);
  }
  const publicKeys = new Map<string, KeyObject>();
  let signingKey: SigningKey | undefined;
  for (const kid of listKids(dir)) {
    publicKeys.set(kid, createPublicKey(fs.readFileSync(path.join(dir, kid + PUBLIC_SUFFIX))));
    const privateFile = path.join(dir, kid + PRIVATE_SUFFIX);
    if (fs.existsSync(privateFile)) signingKey = { kid, privateKey: createPrivateKey(fs.readFileSync(privateFile)) };
  }
  return { publicKeys, signingKey };
}

export function generateKeyPair(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const kid = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomBytes(4).toString('hex')}`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, kid + PRIVATE_SUFFIX), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(dir, kid + PUBLIC_SUFFIX), publicKey.export({ type: 'spki', format: 'pem' }));
  return kid;
}

function listKids(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(PUBLIC_SUFFIX))
    .map((f) => f.slice(0, -PUBLIC_SUFFIX.length))
    .sort();
}
