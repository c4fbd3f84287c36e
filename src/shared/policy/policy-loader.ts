import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { PROJECT_ROOT } from '../project-root';
import { agreementFileSchema, isoDateSchema, rolesFileSchema } from './policy-schema';
import type { Agreement, PolicySet, RolesFile } from './policy-set';
import { formatPath, offsetOf } from './yaml-location';

export const DEFAULT_POLICY_DIR = path.join(PROJECT_ROOT, 'policies');
const ROLES_FILE = 'roles.yaml';
const AGREEMENTS_DIR = 'agreements';

export interface PolicyProblem {
  /** Relative to the policies folder, with forward slashes. */
  file: string;
  line?: number;
  /** Inside the file, e.g. `recipients[2].scopes[0].scope`; empty for the whole file. */
  path: string;
  message: string;
}

export function describeProblem({ file, line, path: where, message }: PolicyProblem): string {
  return `${file}${line === undefined ? '' : `:${line}`}: ${where ? `${where}: ` : ''}${message}`;
}

export class PolicyFileError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: PolicyProblem[],
  ) {
    super(`Invalid policy files in ${dir}:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    this.name = 'PolicyFileError';
  }
}

interface PolicyFile {
  name: string;
  text: string;
}

/** Reads and validates everything under the policies folder; throws PolicyFileError listing every problem found. */
export function loadPolicySet(dir: string = DEFAULT_POLICY_DIR): PolicySet {
  const problems: PolicyProblem[] = [];
  const files = readPolicyFiles(dir, problems);

  const rolesFile = files.find((f) => f.name === ROLES_FILE);
  const roles = rolesFile && parseFile(rolesFile, rolesFileSchema, problems);
  if (!rolesFile) problems.push({ file: ROLES_FILE, path: '', message: 'file not found' });

  const agreements: Agreement[] = [];
  for (const file of files.filter((f) => f.name !== ROLES_FILE)) {
    const parsed = parseFile(file, agreementFileSchema, problems);
    if (parsed) agreements.push({ ...parsed, sourceFile: file.name });
  }
  problems.push(...crossAgreementProblems(agreements));

  if (problems.length > 0 || !roles) throw new PolicyFileError(dir, problems.sort(byFileAndLine));
  return { version: contentHash(files), roles: roles satisfies RolesFile, agreements };
}

function byFileAndLine(a: PolicyProblem, b: PolicyProblem): number {
  return a.file.localeCompare(b.file) || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

function readPolicyFiles(dir: string, problems: PolicyProblem[]): PolicyFile[] {
  const names = [ROLES_FILE];
  const agreementsDir = path.join(dir, AGREEMENTS_DIR);
  if (fs.existsSync(agreementsDir)) {
    for (const entry of fs.readdirSync(agreementsDir, { withFileTypes: true })) {
      const name = `${AGREEMENTS_DIR}/${entry.name}`;
      if (entry.isFile() && entry.name.endsWith('.yaml')) names.push(name);
      // Only *.yaml is read, so a .yml file would otherwise be ignored without a word.
      else if (entry.name.endsWith('.yml')) problems.push({ file: name, path: '', message: 'not read: rename it to .yaml' });
    }
  } else {
    problems.push({ file: `${AGREEMENTS_DIR}/`, path: '', message: 'folder not found' });
  }
  return names
    .filter((name) => fs.existsSync(path.join(dir, name)))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

function parseFile<T>(file: PolicyFile, schema: z.ZodType<T>, problems: PolicyProblem[]): T | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.push({ file: file.name, line, path: '', message: `YAML syntax error at column ${col}: ${error.message}` });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS(), { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    for (const { at, message } of explainIssue(issue)) {
      const offset = offsetOf(doc, at);
      problems.push({
        file: file.name,
        line: offset === undefined ? undefined : lines.linePos(offset).line,
        path: formatPath(at),
        message,
      });
    }
  }
  return undefined;
}

function explainIssue(issue: z.core.$ZodIssue): { at: PropertyKey[]; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ at: [...issue.path, key], message: issue.message }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ at: issue.path, message: `required (${issue.expected})` }];
  }
  const input = issue.input;
  const shown = JSON.stringify(input);
  const primitive = typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean';
  const got = primitive && !issue.message.includes(shown) ? ` (got ${shown})` : '';
  return [{ at: issue.path, message: `${issue.message}${got}` }];
}

function crossAgreementProblems(agreements: Agreement[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const byIdAndVersion = new Map<string, Agreement>();
  const consortiumOfId = new Map<string, Agreement>();
  for (const agreement of agreements) {
    const file = agreement.sourceFile;
    const expectedName = `${AGREEMENTS_DIR}/${agreement.id}.v${agreement.version}.yaml`;
    if (file !== expectedName) {
      problems.push({ file, path: 'id', message: `file name must be ${path.posix.basename(expectedName)} to match id and version` });
    }
    const key = `${agreement.id}@${agreement.version}`;
    const twin = byIdAndVersion.get(key);
    if (twin) {
      problems.push({
        file,
        path: 'version',
        message: `agreement ${agreement.id} version ${agreement.version} is also defined in ${twin.sourceFile}`,
      });
    } else {
      byIdAndVersion.set(key, agreement);
    }
    const sibling = consortiumOfId.get(agreement.id);
    if (sibling && sibling.consortium !== agreement.consortium) {
      problems.push({
        file,
        path: 'consortium',
        message: `${agreement.consortium} differs from ${sibling.consortium} in ${sibling.sourceFile}; every version of an agreement belongs to one consortium`,
      });
    } else if (!sibling) {
      consortiumOfId.set(agreement.id, agreement);
    }
  }
  return problems;
}

function contentHash(files: PolicyFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.text}\0`);
  return hash.digest('hex');
}

/**
 * The agreements of a consortium in force on a date: per agreement id, the highest version that
 * has taken effect (not a draft, validFrom on or before the date). It counts only if it is active
 * and the date is within its period; a suspended or expired current version shares nothing, and
 * an older version never stands in for it. A signed renewal with a later validFrom leaves the
 * version before it in force until it starts.
 */
export function activeAgreementsOn(policy: PolicySet, isoDate: string, consortium: string): Agreement[] {
  if (!isoDateSchema.safeParse(isoDate).success) {
    throw new Error(`activeAgreementsOn: ${JSON.stringify(isoDate)} is not a YYYY-MM-DD date`);
  }
  const current = new Map<string, Agreement>();
  for (const agreement of policy.agreements) {
    if (agreement.consortium !== consortium || agreement.status === 'draft' || agreement.validFrom > isoDate) continue;
    const seen = current.get(agreement.id);
    if (!seen || agreement.version > seen.version) current.set(agreement.id, agreement);
  }
  return [...current.values()]
    .filter((a) => a.status === 'active' && isoDate <= a.validUntil)
    .sort((a, b) => a.id.localeCompare(b.id));
}
