import pino from 'pino';

export type Logger = pino.Logger;

const ERROR_DATA = ['err.parameters', 'err.detail', 'err.driverError.parameters', 'err.driverError.detail'];
/** SQLSTATE class 22 (data exception): the message quotes the offending value ('invalid input syntax for type date: "…"'). */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;

/**
 * Structured JSON logs. Only ids, codes and timings are logged; request bodies, variables and
 * tokens never are, so no personal data reaches the log. A failed query's bound values
 * (TypeORM's `parameters`) and PostgreSQL's `detail` (e.g. "Key (…)=(…) already exists") would
 * carry a child's data, so they are redacted from logged errors, and so is the message of a
 * data exception, which quotes the value it could not take.
 */
export function createLogger(options: { level: string; service: string; /** a file to append to instead of stdout */ destination?: string }): Logger {
  const destination = options.destination ? pino.destination({ dest: options.destination, append: true, sync: true, mkdir: true }) : undefined;
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.authorization', '*.headers.authorization', 'token', ...ERROR_DATA], censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
  }, destination);
}

type SerializedError = ReturnType<typeof pino.stdSerializers.err> & { code?: unknown; driverError?: { code?: unknown; message?: string; stack?: string } };

function serializeError(error: Error): SerializedError {
  const out = pino.stdSerializers.err(error) as SerializedError;
  const code = out.code ?? out.driverError?.code;
  if (typeof code !== 'string' || !DATA_EXCEPTION.test(code)) return out;
  const withheld = `data exception ${code} (message withheld: it quotes the value)`;
  for (const e of [out, out.driverError]) {
    if (!e?.message) continue;
    if (e.stack) e.stack = e.stack.split(e.message).join(withheld);
    e.message = withheld;
  }
  return out;
}
