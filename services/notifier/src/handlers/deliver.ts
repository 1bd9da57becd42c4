import { ChatProviderError, type SlackBotSender, type SlackMessageBody } from '@chatops/chat';
import { type Db, type DeliveryWithDestination, findDeliveryWithDestination, recordDeliveryAttempt, type SecretBox } from '@chatops/db';
import { AppError, ErrorCode, isAppError } from '@chatops/errors';
import { type JobHandler, type QueueName } from '@chatops/jobs';
import { withSpan } from '@chatops/observability';
import { UnrecoverableError } from 'bullmq';

export interface DeliverDeps {
  db: Db;
  box: SecretBox;
  slack: SlackBotSender;
}

/**
 * `deliveries` → one chat post. A delivery that is no longer pending was already handled (by an
 * earlier try or another replica) and is skipped. Every try is recorded; permanent errors stop at
 * once, retryable ones are retried with the queue's backoff until attempts run out.
 */
export function deliverHandler(deps: DeliverDeps): JobHandler<typeof QueueName.Deliveries> {
  return async ({ deliveryId }, { job, log, attempt }) => {
    const delivery = await findDeliveryWithDestination(deps.db, deliveryId);
    if (!delivery) {
      log.warn({ deliveryId }, 'delivery no longer exists');
      return;
    }
    if (delivery.status !== 'pending') return;

    const started = Date.now();
    try {
      const remoteMessageId = await withSpan('deliver', { 'chat.destination': delivery.integration.destination, 'chat.channel': delivery.channel }, () =>
        post(deps, delivery),
      );
      await recordDeliveryAttempt(deps.db, deliveryId, { attempt, outcome: 'sent', durationMs: Date.now() - started }, { remoteMessageId });
    } catch (error) {
      const failure = describe(error);
      const lastTry = attempt >= (job.opts.attempts ?? 1);
      const outcome = failure.retryable && !lastTry ? 'retry' : 'failed';
      await recordDeliveryAttempt(deps.db, deliveryId, { attempt, outcome, durationMs: Date.now() - started, ...failure.record });
      log.warn({ deliveryId, channel: delivery.channel, outcome, code: failure.record.errorCode }, 'delivery attempt failed');
      if (!failure.retryable) throw new UnrecoverableError(failure.record.errorCode);
      throw error;
    }
  };
}

async function post(deps: DeliverDeps, delivery: DeliveryWithDestination): Promise<string> {
  const { integration } = delivery;
  switch (integration.destination) {
    case 'slack_bot': {
      const installation = integration.slackInstallation;
      if (!installation || installation.revokedAt) throw ChatProviderError.rejected('installation_missing');
      const result = await deps.slack.postMessage(deps.box.open(installation.botTokenSealed), delivery.channel, delivery.body as unknown as SlackMessageBody);
      return result.ts;
    }
    default:
      throw new AppError(ErrorCode.NotImplemented, `destination ${integration.destination} is not supported yet`);
  }
}

function describe(error: unknown): { retryable: boolean; record: { errorCode: string; errorMessage: string; httpStatus?: number } } {
  if (error instanceof ChatProviderError) {
    return {
      retryable: error.retryable,
      record: { errorCode: error.providerError, errorMessage: error.message, ...(error.providerHttpStatus ? { httpStatus: error.providerHttpStatus } : {}) },
    };
  }
  if (isAppError(error)) return { retryable: error.retryable, record: { errorCode: error.code, errorMessage: error.message } };
  return { retryable: true, record: { errorCode: ErrorCode.Internal, errorMessage: error instanceof Error ? error.message : String(error) } };
}
