import { LogLevel, WebClient } from '@slack/web-api';

/**
 * The Slack Web API client chatops uses everywhere: one per process serves every workspace (the
 * bot token goes with each call). Its own retries and rate-limit waits are off: chatops' queues
 * own retrying, so a slow workspace never blocks a worker slot.
 */
export function slackWebClient(options: { slackApiUrl: string; timeoutMs?: number }): WebClient {
  return new WebClient(undefined, {
    slackApiUrl: options.slackApiUrl.endsWith('/') ? options.slackApiUrl : `${options.slackApiUrl}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });
}
