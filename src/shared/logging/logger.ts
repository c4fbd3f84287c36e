import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Only ids, codes and timings are logged; request bodies, variables and
 * tokens never are, so no personal data reaches the log.
 */
export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.authorization', '*.headers.authorization', 'token'], censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}
