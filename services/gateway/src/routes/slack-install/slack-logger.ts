import { type Logger } from '@chatops/observability';
import { type Logger as SlackLogger, LogLevel } from '@slack/oauth';

const text = (parts: unknown[]) =>
  parts
    .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part)))
    .join(' ');

/**
 * @slack/oauth's logger on the request's pino logger. Its errors are logged as warnings: each one
 * also reaches the failure page's handler, which logs the outcome once.
 */
export function slackLogger(log: Logger): SlackLogger {
  return {
    debug: (...msg: unknown[]) => log.debug({ component: 'slack-oauth' }, text(msg)),
    info: (...msg: unknown[]) => log.info({ component: 'slack-oauth' }, text(msg)),
    warn: (...msg: unknown[]) => log.warn({ component: 'slack-oauth' }, text(msg)),
    error: (...msg: unknown[]) => log.warn({ component: 'slack-oauth' }, text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
