import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(opts: { level?: string; name?: string } = {}): Logger {
  return pino({ name: opts.name ?? 'mcf', level: opts.level ?? process.env.LOG_LEVEL ?? 'info' });
}
