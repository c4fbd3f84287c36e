import { Client } from 'pg';

/** Statements sent to PostgreSQL by this process, by kind. */
export interface QueryCounts {
  /** Every statement: one round trip each. */
  total: number;
  /** BEGIN / START TRANSACTION / COMMIT / ROLLBACK / SET / SAVEPOINT / RELEASE. */
  control: number;
  /** The disclosure-log append: the chain lock, the read of its head and the INSERT. */
  audit: number;
}

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

const counts: QueryCounts = { total: 0, control: 0, audit: 0 };
let installed = false;
let captured: CapturedStatement[] | null = null;

const CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SET\s|SAVEPOINT|RELEASE SAVEPOINT)/i;
/** A transaction begun in the same message as its first statement (RequestTransaction.beginWith): that statement is data. */
const BEGUN_WITH_STATEMENT = /^\s*START TRANSACTION;\s*\S/i;
const AUDIT = /audit_append\(|audit_event|audit_checkpoint|current_setting\('transaction_isolation'\)/i;

/**
 * Counts every statement any pg client of this process sends (TypeORM's pool and the raw level
 * alike use pg.Client), by wrapping Client.prototype.query once.
 */
export function installQueryCounter(): void {
  if (installed) return;
  installed = true;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    counts.total += 1;
    if (captured) captured.push({ text, values: ((typeof first === 'string' ? args[1] : (first as { values?: unknown[] })?.values) ?? []) as unknown[] });
    if (CONTROL.test(text) && !BEGUN_WITH_STATEMENT.test(text)) counts.control += 1;
    else if (AUDIT.test(text)) counts.audit += 1;
    return original.apply(this, args);
  };
}

export function queryCounts(): QueryCounts {
  return { ...counts };
}

/** Keeps the statements sent from now on (with their parameters), until stopCapture. */
export function startCapture(): void {
  captured = [];
}

export function stopCapture(): CapturedStatement[] {
  const result = captured ?? [];
  captured = null;
  return result;
}
