import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout, one line per entry, tagged with the service that wrote them. `destination`
 * replaces stdout (tests read the lines).
 */
export function createLogger(options: { service: string; level: string; destination?: DestinationStream }): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never let a credential reach the logs, whatever object a caller hands us.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-gitlab-token"]',
        'req.headers["x-slack-signature"]',
        '*.token',
        '*.botToken',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
