import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Costs for new hashes: about 50–100 ms per check, 32 MiB of memory. */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** At most this many hashes at once (32 MiB each): a burst of token requests queues instead of exhausting memory. */
const MAX_CONCURRENT = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(secret: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  // A waiter is handed the finishing call's slot, so the count never goes over the limit.
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await new Promise((resolve, reject) => {
      scryptCallback(secret, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function optionsFor(n: number, r: number, p: number): ScryptOptions {
  return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

/** `scrypt$N$r$p$salt$hash` (base64): the only form in which a client secret is stored. */
export async function hashClientSecret(secret: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const hash = await scrypt(secret, salt, KEY_LENGTH, optionsFor(N, R, P));
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

// Checked against when the client is unknown, so a wrong client id costs as long as a wrong secret.
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/** Constant-time check of a presented secret; a malformed or missing stored hash never matches. */
export async function verifyClientSecret(secret: string, stored: string | null): Promise<boolean> {
  const match = FORMAT.exec(stored ?? DUMMY_HASH) ?? FORMAT.exec(DUMMY_HASH)!;
  const [n, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (n > 1 << 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(match[5], 'base64');
  const actual = await scrypt(secret, Buffer.from(match[4], 'base64'), expected.length, optionsFor(n, r, p));
  return stored !== null && FORMAT.test(stored) && timingSafeEqual(actual, expected);
}
