import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from '../../src/gateway/subgraph-fetcher';

let server: http.Server;
let url: string;
const sockets = new Set<unknown>();
beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const status = req.url === '/refuse' ? 403 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'private', 'x-seen-auth': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ method: req.method, body, ...(status === 403 ? { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('posts the body and headers, and answers status, headers and body as fetch would', async () => {
  const response = await subgraphFetcher(`${url}/graphql`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{"query":"{ a }"}' });
  expect(response).toMatchObject({ ok: true, status: 200, statusText: 'OK', url: `${url}/graphql` });
  expect(response.headers.get('Content-Type')).toBe('application/json');
  expect(response.headers.get('x-seen-auth')).toBe('Bearer t');
  expect(await response.json()).toEqual({ method: 'POST', body: '{"query":"{ a }"}' });
  expect(JSON.parse(await response.clone().text())).toEqual({ method: 'POST', body: '{"query":"{ a }"}' });
});

it('hands back an error status with its body, for the gateway to pass the code on', async () => {
  const response = await subgraphFetcher(`${url}/refuse`, { method: 'POST', body: '{}' });
  expect(response).toMatchObject({ ok: false, status: 403 });
  expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
});

it('keeps the connection for the next call', async () => {
  sockets.clear();
  for (let i = 0; i < 5; i++) await (await subgraphFetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
  expect(sockets.size).toBe(1);
});

it('rejects when the subgraph cannot be reached', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(subgraphFetcher(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
});
