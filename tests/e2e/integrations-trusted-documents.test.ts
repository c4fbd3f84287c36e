import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInternalSigningKey } from '../../src/shared/auth/internal-signing-key';
import { signToken } from '../../src/shared/auth/token-signer';
import type { ServiceName } from '../../src/shared/config';
import { DOCUMENT_HASH_HEADER, DOCUMENT_SIGNATURE_HEADER, signDocument } from '../../src/integrations/trusted-documents/document-signature';
import { documentHash } from '../../src/integrations/trusted-documents/trusted-documents.schema';
import { runPartnerSync } from '../helpers/partner-sync';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const SHIPPED = path.resolve('policies/trusted-documents/leeds-cms.json');
const ME = 'query Me { me { handle } }';
const ME_AND_PATHWAYS = 'query MeAndPathways { me { handle } pathways { pathway } }';
const OTHER = 'query Other { __typename }';
const SUBGRAPHS: ServiceName[] = ['cases', 'sharing', 'accommodation'];

// leeds-cms enforced, with the example's operations (as shipped) and two more; no other client has a manifest.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-'));
const shipped = JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as { operations: { id: string; name: string; body: string }[] };
const extra = [ME, ME_AND_PATHWAYS].map((body) => ({ id: documentHash(body), name: /query (\w+)/.exec(body)![1], type: 'query', body }));
fs.mkdirSync(path.join(dir, 'trusted'));
fs.writeFileSync(
  path.join(dir, 'trusted', 'leeds-cms.json'),
  JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, enforce: true, operations: [...shipped.operations, ...extra] }),
);

let hub: TestHub;
let cms: string;
let openClient: string;
beforeAll(async () => {
  hub = await startTestHub({ env: { TRUSTED_DOCUMENTS_DIR: path.join(dir, 'trusted') } });
  cms = hub.tokenFor('leeds-cms');
  // A second partner system of the same agency, without a manifest.
  const id = randomUUID();
  await hub.db.query(
    `INSERT INTO machine_client (id, client_id, name, agency_id, scopes)
     SELECT $1, 'leeds-open-cms', 'Leeds second system', agency_id, scopes FROM machine_client WHERE client_id = 'leeds-cms'`,
    [id],
  );
  openClient = signToken({ sub: id, typ: 'client' }, hub.keys.signingKey!, hub.config.jwt, 600);
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  codes: unknown[];
}

async function post(body: Record<string, unknown>, options: { token?: string; service?: ServiceName; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(hub.graphqlUrl(options.service), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token ?? cms}`, ...options.headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, data: json.data, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

const byHash = (body: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(body) } } });

describe('an enforced client through the gateway', () => {
  it('runs a listed operation by its id alone, and by its full text', async () => {
    for (const request of [byHash(ME_AND_PATHWAYS), { query: ME_AND_PATHWAYS }, { query: ME_AND_PATHWAYS, ...byHash(ME_AND_PATHWAYS) }]) {
      const answer = await post(request);
      expect(answer.codes).toEqual([]);
      expect(answer.data).toMatchObject({ me: { handle: 'leeds-cms' }, pathways: expect.arrayContaining([{ pathway: 'ACCOMMODATION' }]) });
    }
  });

  // (An operation reaching no subgraph, e.g. `{ __typename }`, is answered by the gateway alone and discloses nothing.)
  it('is refused any other operation, including a listed one with different whitespace (documents are not normalised)', async () => {
    for (const query of ['query Other { pathways { title } }', '{ me { handle scopes } }', ME.replace('{ me', '{  me')]) {
      const answer = await post({ query });
      expect(answer.codes).toContain('PERSISTED_QUERY_NOT_ALLOWED');
      expect(answer.data ?? null).toBeNull();
    }
  });

  it('is refused an unlisted mutation, which writes nothing', async () => {
    const [child] = await hub.db.query(`SELECT id FROM child WHERE home_local_authority_code = 'LEEDS' ORDER BY id LIMIT 1`);
    const count = async () => (await hub.db.query(`SELECT count(*)::int AS n FROM pathway_update`))[0].n as number;
    const before = await count();
    const answer = await post({
      query: 'mutation ($input: UpsertPathwayUpdatesInput!) { upsertPathwayUpdates(input: $input) { replayed } }',
      variables: { input: { idempotencyKey: 'td-1', items: [{ externalReference: 'TD-1', childId: child.id, pathway: 'CASE_MANAGEMENT', status: 'IN_PROGRESS', summary: 'x' }] } },
    });
    expect(answer.codes).toContain('PERSISTED_QUERY_NOT_ALLOWED');
    expect(await count()).toBe(before);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown id, and BAD_REQUEST for an id that is not the hash of the text sent', async () => {
    expect((await post(byHash('query Unknown { __typename }'))).codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const mismatch = await post({ query: OTHER, ...byHash(ME) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.codes).toEqual(['BAD_REQUEST']);
  });
});

describe('an enforced client reaching a subgraph directly', () => {
  it.each(SUBGRAPHS)('is refused an unlisted operation at %s', async (service) => {
    const answer = await post({ query: OTHER }, { service });
    expect(answer.status).toBe(403);
    expect(answer.codes).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
  });

  it('runs a listed operation that lives in that subgraph, by text or by id', async () => {
    for (const request of [{ query: ME }, byHash(ME)]) {
      const answer = await post(request, { service: 'sharing' });
      expect(answer.codes).toEqual([]);
      expect(answer.data).toEqual({ me: { handle: 'leeds-cms' } });
    }
  });

  it('cannot pass an unlisted operation off as a listed one with a hash header the gateway did not sign for it', async () => {
    const key = loadInternalSigningKey({ keysDir: hub.config.jwt.keysDir, generate: false });
    const listed = documentHash(ME);
    const claim = (signature: string) => ({ [DOCUMENT_HASH_HEADER]: listed, [DOCUMENT_SIGNATURE_HEADER]: signature });
    const forgeries = {
      none: { [DOCUMENT_HASH_HEADER]: listed },
      random: claim('ab'.repeat(32)),
      'signed for another token': claim(signDocument(key, listed, `Bearer ${openClient}`, OTHER)),
      'signed for another document': claim(signDocument(key, listed, `Bearer ${cms}`, ME)),
    };
    for (const [forgery, headers] of Object.entries(forgeries)) {
      const answer = await post({ query: OTHER }, { service: 'sharing', headers });
      expect({ forgery, codes: answer.codes }).toEqual({ forgery, codes: ['PERSISTED_QUERY_NOT_ALLOWED'] });
    }
    // The same header as the gateway would sign it is accepted: the refusals above are the signature's doing.
    const genuine = await post({ query: OTHER }, { service: 'sharing', headers: claim(signDocument(key, listed, `Bearer ${cms}`, OTHER)) });
    expect(genuine.codes).toEqual([]);
  });
});

describe('callers without an enforced allow-list', () => {
  it.each([
    ['a staff user', () => hub.tokenFor('leeds.cm')],
    ['a client without a manifest', () => openClient],
  ])('%s runs any operation through the gateway and at every subgraph', async (_who, token) => {
    for (const service of ['gateway', ...SUBGRAPHS] as ServiceName[]) {
      const answer = await post({ query: OTHER }, { service, token: token() });
      expect({ service, codes: answer.codes, data: answer.data }).toEqual({ service, codes: [], data: { __typename: 'Query' } });
    }
  });
});

it('the partner-sync example runs entirely on the shipped manifest once it is enforced', async () => {
  const [child] = await hub.db.query(`SELECT id FROM child WHERE home_local_authority_code = 'LEEDS' ORDER BY id LIMIT 1`);
  const records = [{ externalReference: 'TD-EX', childId: child.id, pathway: 'ETE', status: 'IN_PROGRESS', summary: 'College place' }];
  const sync = () => runPartnerSync(hub, dir, records);
  const first = await sync();
  expect(first.pushed).toEqual([expect.objectContaining({ outcome: 'CREATED' })]);
  const pulled = [...first.pulled];
  for (let attempt = 0; attempt < 40 && !pulled.some((p) => p.entityType === 'PATHWAY_UPDATE'); attempt++) {
    await new Promise((r) => setTimeout(r, 250));
    pulled.push(...(await sync()).pulled);
  }
  expect(pulled).toContainEqual(expect.objectContaining({ entityType: 'PATHWAY_UPDATE', fetched: true }));
});
