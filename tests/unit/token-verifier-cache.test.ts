import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair, loadKeyStore } from '../../src/shared/auth/key-store';
import { signToken } from '../../src/shared/auth/token-signer';
import { createTokenVerifier } from '../../src/shared/auth/token-verifier';

// A verified token is remembered, so its signature is checked once; these show what is still checked every time.
const settings = { issuer: 'https://hub.resettlement.local', audience: 'resettlement-hub' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-verifier-'));
generateKeyPair(dir);
const keys = loadKeyStore(dir, { generateIfEmpty: false });
const claims = { sub: '5eed0003-0000-4000-8000-000000000001', typ: 'user' as const };

afterEach(() => jest.restoreAllMocks());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('accepts the same token again, and refuses it once it has expired although it was accepted before', () => {
  const verify = createTokenVerifier(keys, settings);
  const token = signToken(claims, keys.signingKey!, settings, 60);
  expect(verify(`Bearer ${token}`)).toEqual(claims);
  expect(verify(`Bearer ${token}`)).toEqual(claims);
  const later = Date.now() + 120_000;
  jest.spyOn(Date, 'now').mockReturnValue(later);
  expect(() => verify(`Bearer ${token}`)).toThrow(expect.objectContaining({ detail: 'jwt expired' }));
});

test('does not take a token whose signature differs from a remembered one for it', () => {
  const verify = createTokenVerifier(keys, settings);
  const token = signToken(claims, keys.signingKey!, settings, 60);
  verify(`Bearer ${token}`);
  const [header, payload, signature] = token.split('.');
  const forged = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  expect(() => verify(`Bearer ${forged}`)).toThrow(expect.objectContaining({ detail: 'invalid signature' }));
});

test('refuses a remembered token once its key is no longer trusted', () => {
  const verify = createTokenVerifier(keys, settings);
  const token = signToken(claims, keys.signingKey!, settings, 60);
  verify(`Bearer ${token}`);
  const kid = keys.signingKey!.kid;
  // The store is read-only to the hub; here it stands for a key no longer in the keys folder.
  const publicKeys = keys.publicKeys as Map<string, KeyObject>;
  const key = publicKeys.get(kid)!;
  publicKeys.delete(kid);
  try {
    expect(() => verify(`Bearer ${token}`)).toThrow(expect.objectContaining({ detail: 'unknown key id' }));
  } finally {
    publicKeys.set(kid, key);
  }
});
