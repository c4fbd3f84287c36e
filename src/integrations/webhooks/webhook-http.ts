import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveAllowedAddress, urlProblem, type Lookup, type WebhookUrlPolicy } from './webhook-url-policy';

export type PostOutcome = { ok: true } | { ok: false; error: string };

/**
 * POSTs a delivery after checking the URL against the policy again (it may have changed since
 * the subscription, and so may the name's DNS answer), connecting to the very address checked:
 * TLS still verifies the certificate for the host name, and redirects are not followed.
 */
export async function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { policy: WebhookUrlPolicy; timeoutMs: number; lookup?: Lookup },
): Promise<PostOutcome> {
  const checked = urlProblem(target, options.policy);
  if ('problem' in checked) return { ok: false, error: checked.problem };
  const resolved = await resolveAllowedAddress(checked.url, options.policy, options.lookup);
  if ('problem' in resolved) return { ok: false, error: resolved.problem };
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: resolved.address, family: resolved.family }]);
    else callback(null, resolved.address, resolved.family);
  };
  const transport = checked.url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    const request = transport.request(
      checked.url,
      {
        method: 'POST',
        lookup: pinned,
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP_${status}` });
      },
    );
    request.on('error', (error) => resolve({ ok: false, error: error.name === 'AbortError' || error.name === 'TimeoutError' ? 'TIMEOUT' : 'CONNECTION_FAILED' }));
    request.end(body);
  });
}
