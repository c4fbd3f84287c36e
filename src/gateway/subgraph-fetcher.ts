import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Kept-alive connections to the subgraphs, as many as the gateway has requests in flight. */
const AGENTS: Record<string, http.Agent> = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * The gateway's calls to its subgraphs over Node's own http client: the default fetcher
 * (make-fetch-happen, built for npm's registry traffic) wraps every call in caching, retry and
 * proxy layers that a call to a subgraph never uses. Subgraphs are reached directly (no
 * http_proxy), redirects are not followed, and bodies are not compressed, as between services of
 * one deployment.
 */
export const subgraphFetcher: Fetcher = (url, init = {}) =>
  new Promise<FetcherResponse>((resolve, reject) => {
    const target = new URL(url);
    const agent = AGENTS[target.protocol];
    if (!agent) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      { method: init.method ?? 'GET', headers: init.headers, agent, signal: init.signal as AbortSignal | undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve(fetcherResponse(url, response, Buffer.concat(chunks)));
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });

function fetcherResponse(url: string, response: http.IncomingMessage, body: Buffer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = response.statusCode ?? 0;
  const result: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: response.statusMessage ?? '',
    headers,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    clone: () => fetcherResponse(url, response, body),
  };
  return result;
}
