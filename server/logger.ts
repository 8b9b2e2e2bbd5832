/**
 * Structured logs with pino: JSON lines by default, readable lines when `pretty` is asked for
 * (a terminal). Every request log carries its request id.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config';

export function createLogger(config: Pick<Config, 'logLevel'>, pretty: boolean): Logger {
  return pino({
    name: 'ringtrace',
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'],
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,name' },
          },
        }
      : {}),
  });
}
