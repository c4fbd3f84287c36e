import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY_DIR, PolicyFileError, type PolicyProblem } from '../../shared/policy/policy-loader';
import { formatPath } from '../../shared/policy/yaml-location';
import { trustedDocumentsFileSchema } from './trusted-documents.schema';

export const DEFAULT_TRUSTED_DOCUMENTS_DIR = path.join(DEFAULT_POLICY_DIR, 'trusted-documents');
const CLIENT_HANDLE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface ClientAllowList {
  /** false: operations outside the list are logged as "would be refused" but served. */
  enforce: boolean;
  ids: ReadonlySet<string>;
}

/** Every client's allow-list of persisted operations, from `<client handle>.json` manifests. */
export interface TrustedDocuments {
  /** A registered body by its SHA-256 (hex); ids are content hashes, so any client's manifest may supply it. */
  bodyOf: (hash: string) => string | undefined;
  /** The allow-list of a client (by client id), or undefined when it has none. */
  forClient: (handle: string) => ClientAllowList | undefined;
  clientCount: number;
}

export const NO_TRUSTED_DOCUMENTS: TrustedDocuments = { bodyOf: () => undefined, forClient: () => undefined, clientCount: 0 };

/**
 * Reads and validates every manifest in `dir` (a missing folder means no client has an allow-list);
 * throws PolicyFileError naming each bad file and what is wrong in it.
 */
export function loadTrustedDocuments(dir: string = DEFAULT_TRUSTED_DOCUMENTS_DIR): TrustedDocuments {
  if (!fs.existsSync(dir)) return NO_TRUSTED_DOCUMENTS;
  const problems: PolicyProblem[] = [];
  const bodies = new Map<string, string>();
  const clients = new Map<string, ClientAllowList>();
  for (const name of fs.readdirSync(dir).sort()) {
    if (name === 'README.md') continue;
    const file = `trusted-documents/${name}`;
    const handle = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !CLIENT_HANDLE.test(handle)) {
      problems.push({ file, path: '', message: 'not read: name it <client id>.json (lowercase letters, digits, . _ -)' });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (error) {
      problems.push({ file, path: '', message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const result = trustedDocumentsFileSchema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ file, path: formatPath(issue.path), message: issue.message });
      continue;
    }
    for (const op of result.data.operations) bodies.set(op.id, op.body);
    clients.set(handle, { enforce: result.data.enforce, ids: new Set(result.data.operations.map((op) => op.id)) });
  }
  if (problems.length > 0) throw new PolicyFileError(dir, problems);
  return { bodyOf: (hash) => bodies.get(hash), forClient: (handle) => clients.get(handle), clientCount: clients.size };
}
