import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ConsortiumSettings } from '../../../shared/policy/consortium-settings';
import { DEFAULT_POLICY_DIR, PolicyFileError, type PolicyProblem } from '../../../shared/policy/policy-loader';
import { formatPath, offsetOf } from '../../../shared/policy/yaml-location';
import { deadlineOverridesSchema, deadlinesFileSchema, type DeadlineRule } from './deadline-rules.schema';

export const DEADLINES_FILE = 'deadlines.yaml';

/**
 * Reads and validates policies/deadlines.yaml; throws PolicyFileError naming file, line and path
 * of every problem, like the other policy files.
 */
export function loadDeadlineRules(dir: string = DEFAULT_POLICY_DIR): DeadlineRule[] {
  const file = path.join(dir, DEADLINES_FILE);
  if (!fs.existsSync(file)) throw new PolicyFileError(dir, [{ file: DEADLINES_FILE, path: '', message: 'file not found' }]);
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyFileError(
      dir,
      doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { file: DEADLINES_FILE, line, path: '', message: `YAML syntax error at column ${col}: ${error.message}` };
      }),
    );
  }
  const result = deadlinesFileSchema.safeParse(doc.toJS());
  if (result.success) return result.data.rules;
  const problems: PolicyProblem[] = result.error.issues.map((issue) => {
    const offset = offsetOf(doc, issue.path);
    return {
      file: DEADLINES_FILE,
      line: offset === undefined ? undefined : lines.linePos(offset).line,
      path: formatPath(issue.path),
      message: issue.message,
    };
  });
  throw new PolicyFileError(dir, problems);
}

let defaults: DeadlineRule[] | undefined;
const effectiveByOverrides = new Map<string, DeadlineRule[]>();

/** The shipped rules, read once per process. */
export function defaultDeadlineRules(): DeadlineRule[] {
  return (defaults ??= loadDeadlineRules());
}

/**
 * The rules in force for a consortium: the defaults with `settings.deadlines` merged over them
 * (another offset, or the rule switched off). A malformed override or an unknown rule code is an
 * error naming the setting, never a silently ignored setting.
 */
export function effectiveDeadlineRules(settings: ConsortiumSettings, base: DeadlineRule[] = defaultDeadlineRules()): DeadlineRule[] {
  const raw = (settings as { deadlines?: unknown }).deadlines ?? {};
  const key = JSON.stringify(raw);
  const cached = base === defaults ? effectiveByOverrides.get(key) : undefined;
  if (cached) return cached;
  const parsed = deadlineOverridesSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `deadlines.${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new Error(`consortium settings are invalid: ${detail}`);
  }
  const unknown = Object.keys(parsed.data).filter((code) => !base.some((rule) => rule.code === code));
  if (unknown.length) throw new Error(`consortium settings are invalid: deadlines.${unknown[0]}: no deadline rule has this code`);
  const rules = base.flatMap((rule) => {
    const override = parsed.data[rule.code];
    if (!override) return [rule];
    if ('enabled' in override) return [];
    return [{ ...rule, offset: override.offset, unit: override.unit }];
  });
  if (base === defaults) effectiveByOverrides.set(key, rules);
  return rules;
}

