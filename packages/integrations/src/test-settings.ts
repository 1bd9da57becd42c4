import { type ChatDestination, ChatProviderError, renderForDestination } from '@chatops/chat';
import {
  type DestinationKind,
  type IntegrationWithDestination,
  isWebhookDestination,
  type SecretBox,
} from '@chatops/db';
import { isAppError } from '@chatops/errors';
import { toSentence } from '@chatops/messages';
import { outboundRefusalIn } from '@chatops/outbound';
import { resolveDeliveryTarget } from './delivery-target';

/** GitLab tests at most this many channels. */
export const TEST_CHANNEL_LIMIT = 10;

/**
 * The channels "Test settings" posts to: the default channel and every event's channels, each once,
 * at most ten. A webhook with no channel configured posts to its own channel ('').
 */
export function channelsToTest(
  integration: Pick<IntegrationWithDestination, 'destination' | 'defaultChannel' | 'routes'>,
): string[] {
  const all = [integration.defaultChannel ?? '', ...integration.routes.flatMap((r) => r.channels)]
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const unique = [...new Set(all)].slice(0, TEST_CHANNEL_LIMIT);
  return unique.length === 0 && isWebhookDestination(integration.destination) ? [''] : unique;
}

export interface ChannelTestResult {
  channel: string;
  ok: boolean;
  /** The provider's error code (`channel_not_found`, `http_404`, …) or why nothing was sent. */
  error?: string;
}

export interface IntegrationTestReport {
  ok: boolean;
  /** A sentence for the operator when something needs doing (GitLab's wording where GitLab has one). */
  message?: string;
  results: ChannelTestResult[];
}

export const REINSTALL_MESSAGE = 'GitLab for Slack app must be reinstalled to enable notifications';
const NOT_POSTABLE = new Set(['channel_not_found', 'not_in_channel']);
const TOKEN_GONE = new Set([
  'installation_missing',
  'installation_revoked',
  'token_revoked',
  'invalid_auth',
  'account_inactive',
  'not_authed',
]);
const MISSING_MESSAGES = {
  installation_pending:
    "The Slack workspace's installation is waiting for an administrator's approval (slack:install:requests)",
  webhook_missing: 'The integration has no webhook URL: set webhookUrl',
  connection_missing: 'The Mattermost connection has no bot token',
} as const;

/** Posts a short test message to every configured channel and says, per channel, how it went. */
export async function testIntegration(
  box: SecretBox,
  integration: IntegrationWithDestination,
  sender: Pick<ChatDestination, 'post'>,
): Promise<IntegrationTestReport> {
  const channels = channelsToTest(integration);
  const text = `Test message from chatops: notifications of ${integration.project.pathWithNamespace} will be posted here.`;
  const body = renderForDestination(integration.destination, { text }, { username: integration.username });
  const results: ChannelTestResult[] = [];
  let refusal: string | undefined;
  for (const channel of channels) {
    const resolved = resolveDeliveryTarget(box, integration, channel);
    if (!resolved.ok) {
      results.push({ channel, ok: false, error: resolved.reason });
      continue;
    }
    try {
      await sender.post(resolved.target, body);
      results.push({ channel, ok: true });
    } catch (error) {
      results.push({ channel, ok: false, error: errorCodeOf(error) });
      refusal ??= outboundRefusalIn(error);
    }
  }
  const message = refusal
    ? refusalMessage(integration.destination, refusal)
    : summarise(integration.destination, results);
  return { ok: results.every((r) => r.ok), ...(message ? { message } : {}), results };
}

function summarise(destination: DestinationKind, results: ChannelTestResult[]): string | undefined {
  const errors = results.flatMap((r) => (r.error ? [r.error] : []));
  if (destination === 'slack_bot') {
    if (errors.some((e) => TOKEN_GONE.has(e))) return REINSTALL_MESSAGE;
    const unpostable = results.filter((r) => r.error && NOT_POSTABLE.has(r.error)).map((r) => r.channel);
    if (unpostable.length > 0)
      return `Unable to post to ${toSentence(unpostable)}, please add the GitLab Slack app to any private Slack channels`;
  }
  const missing = errors.find((e): e is keyof typeof MISSING_MESSAGES => e in MISSING_MESSAGES);
  return missing ? MISSING_MESSAGES[missing] : undefined;
}

/** The outbound guard's refusal, naming the setting that points at the internal address. */
function refusalMessage(destination: DestinationKind, refusal: string): string {
  return `${destination === 'mattermost_bot' ? "The Mattermost connection's URL" : 'webhookUrl'}: ${refusal}`;
}

/** Chat senders throw ChatProviderError, whose `providerError` is the vendor's own code. */
function errorCodeOf(error: unknown): string {
  if (error instanceof ChatProviderError) return error.providerError;
  if (isAppError(error)) return error.code;
  return 'unknown_error';
}
