import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';

/** Where webhook deliveries may go. In production: https only, and only to public addresses. */
export interface WebhookUrlPolicy {
  requireHttps: boolean;
  /** Refuse loopback, private, link-local (cloud metadata), shared, reserved and multicast addresses. */
  blockPrivate: boolean;
  /** Exempt from blockPrivate (outside production only), e.g. a local receiver. */
  allowed: net.BlockList;
}

export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export const STRICT_WEBHOOK_URL_POLICY: WebhookUrlPolicy = { requireHttps: true, blockPrivate: true, allowed: new net.BlockList() };

export function webhookUrlPolicy(settings: { requireHttps: boolean; blockPrivate: boolean; allowedAddresses: string[] }): WebhookUrlPolicy {
  const allowed = new net.BlockList();
  for (const entry of settings.allowedAddresses) {
    const [address, bits] = entry.split('/');
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    allowed.addSubnet(address, bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits), type);
  }
  return { requireHttps: settings.requireHttps, blockPrivate: settings.blockPrivate, allowed };
}

/** A CIDR or a single IP address, as WEBHOOK_ALLOWED_ADDRESSES takes. */
export function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !net.isIP(address)) return false;
  if (bits === undefined) return true;
  const max = net.isIPv6(address) ? 128 : 32;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

const NOT_PUBLIC = new net.BlockList();
for (const [address, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(address, bits, 'ipv4');
for (const [address, bits] of [
  ['::', 128], ['::1', 128], ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(address, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d), which would reach that IPv4 host. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return address;
}

export function isAllowedAddress(address: string, policy: WebhookUrlPolicy): boolean {
  if (!policy.blockPrivate) return true;
  const target = unmapped(address);
  const type = net.isIPv6(target) ? 'ipv6' : 'ipv4';
  return policy.allowed.check(target, type) || !NOT_PUBLIC.check(target, type);
}

export type UrlProblem = 'NOT_A_URL' | 'SCHEME_NOT_ALLOWED' | 'CREDENTIALS_IN_URL' | 'DOES_NOT_RESOLVE' | 'ADDRESS_NOT_ALLOWED';

/** Scheme and form only, no DNS. */
export function urlProblem(value: string, policy: WebhookUrlPolicy): { url: URL } | { problem: UrlProblem } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'NOT_A_URL' };
  }
  const schemes = policy.requireHttps ? ['https:'] : ['https:', 'http:'];
  if (!schemes.includes(url.protocol)) return { problem: 'SCHEME_NOT_ALLOWED' };
  if (url.username || url.password) return { problem: 'CREDENTIALS_IN_URL' };
  return { url };
}

/**
 * The address to connect to: every address the host resolves to must be allowed (a name with one
 * public and one private address is refused), and the caller connects to the one returned, so
 * the name cannot be re-resolved to somewhere else between check and connection (DNS rebinding).
 */
export async function resolveAllowedAddress(
  url: URL,
  policy: WebhookUrlPolicy,
  lookup: Lookup = systemLookup,
): Promise<{ address: string; family: 4 | 6 } | { problem: UrlProblem }> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await lookup(host);
    } catch {
      return { problem: 'DOES_NOT_RESOLVE' };
    }
  }
  if (addresses.length === 0) return { problem: 'DOES_NOT_RESOLVE' };
  if (!addresses.every((a) => isAllowedAddress(a.address, policy))) return { problem: 'ADDRESS_NOT_ALLOWED' };
  return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
