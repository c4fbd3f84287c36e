import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTrustedDocuments } from '../../src/integrations/trusted-documents/trusted-documents.loader';
import { documentHash } from '../../src/integrations/trusted-documents/trusted-documents.schema';
import { PolicyFileError } from '../../src/shared/policy/policy-loader';

const BODY = 'query Me { me { handle } }';
const op = (body = BODY, id = documentHash(body)) => ({ id, name: 'Me', type: 'query', body });
const manifest = (extra: Record<string, unknown> = {}) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations: [op()], ...extra });

function loadFiles(files: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-unit-'));
  try {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return loadTrustedDocuments(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function problemOf(files: Record<string, unknown>): string {
  try {
    loadFiles(files);
  } catch (error) {
    if (error instanceof PolicyFileError) return error.message;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

it('loads a manifest: enforced unless it says otherwise, documents found by hash', () => {
  const trusted = loadFiles({ 'leeds-cms.json': manifest(), 'trial-cms.json': manifest({ enforce: false }) });
  expect(trusted.forClient('leeds-cms')).toEqual({ enforce: true, ids: new Set([documentHash(BODY)]) });
  expect(trusted.forClient('trial-cms')?.enforce).toBe(false);
  expect(trusted.forClient('other')).toBeUndefined();
  expect(trusted.bodyOf(documentHash(BODY))).toBe(BODY);
});

it('the shipped manifests load', () => {
  expect(loadTrustedDocuments().forClient('leeds-cms')?.ids.size).toBeGreaterThan(0);
});

it.each([
  ['an id that is not the hash of its body', { 'a.json': manifest({ operations: [op(BODY, documentHash('other'))] }) }, /a\.json: operations\[0\]\.id: is not the SHA-256 of body/],
  ['an id that is not hex', { 'a.json': manifest({ operations: [op(BODY, 'XYZ')] }) }, /a\.json: operations\[0\]\.id: must be the lowercase hex SHA-256/],
  ['a body that is not GraphQL', { 'a.json': manifest({ operations: [op('query {')] }) }, /a\.json: operations\[0\]\.body: is not a GraphQL document/],
  ['the same operation twice', { 'a.json': manifest({ operations: [op(), op()] }) }, /a\.json: operations\[1\]\.id: appears twice/],
  ['another format', { 'a.json': manifest({ format: 'relay' }) }, /a\.json: format: /],
  ['an unknown field', { 'a.json': manifest({ enforced: true }) }, /a\.json: Unrecognized key: "enforced"/],
  ['a type other than query or mutation', { 'a.json': manifest({ operations: [{ ...op(), type: 'subscription' }] }) }, /a\.json: operations\[0\]\.type: /],
  ['a file that is not JSON', { 'a.json': '{ nope' }, /a\.json: not valid JSON/],
  ['a file not named after a client id', { 'Leeds CMS.yaml': manifest() }, /Leeds CMS\.yaml: not read: name it <client id>\.json/],
])('refuses %s, naming the file and the problem', (_case, files, message) => {
  expect(problemOf(files)).toMatch(message);
});
