import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair, loadKeyStore } from '../../shared/auth/key-store';

const KID = /^[0-9]{14}-[0-9a-f]{8}$/;

/**
 * Adds a new key pair; once the services restart (or reload) it signs, while the older public keys
 * stay published in the JWKS and keep verifying the tokens they signed until retired.
 */
export function rotateSigningKey(dir: string): { newKid: string; activeKids: string[] } {
  const existing = [...loadKeyStore(dir, { generateIfEmpty: true }).publicKeys.keys()];
  let newKid = generateKeyPair(dir);
  const last = existing.at(-1);
  if (last && newKid <= last) {
    // Two rotations in one second: kids sort by time, so the new pair must sort after the last.
    const renamed = `${String(Number(last.slice(0, 14)) + 1).padStart(14, '0')}-${newKid.slice(15)}`;
    for (const half of ['public', 'private']) fs.renameSync(path.join(dir, `${newKid}.${half}.pem`), path.join(dir, `${renamed}.${half}.pem`));
    newKid = renamed;
  }
  return { newKid, activeKids: [...loadKeyStore(dir, { generateIfEmpty: false }).publicKeys.keys()] };
}

/**
 * Deletes a key pair: tokens it signed stop verifying. Retire a key only when the longest-lived
 * token it could have signed has expired; the signing (newest) key cannot be retired.
 */
export function retireKey(dir: string, kid: string): { activeKids: string[] } {
  if (!KID.test(kid)) throw new Error(`"${kid}" is not a key id`);
  const before = loadKeyStore(dir, { generateIfEmpty: false });
  if (!before.publicKeys.has(kid)) throw new Error(`no key ${kid} in ${dir}`);
  if (before.signingKey?.kid === kid) throw new Error(`${kid} is the signing key; rotate first, then retire it`);
  fs.rmSync(path.join(dir, `${kid}.private.pem`), { force: true });
  fs.rmSync(path.join(dir, `${kid}.public.pem`));
  return { activeKids: [...loadKeyStore(dir, { generateIfEmpty: false }).publicKeys.keys()] };
}
