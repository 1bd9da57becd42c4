import { ChatProviderError, type ChatSenders, type DeliveryTarget } from '@chatops/chat';
import {
  claimDelivery,
  type Db,
  type DeliveryRow,
  type IntegrationWithDestination,
  recordDeliveryAttempt,
  type SecretBox,
  type SqlPool,
} from '@chatops/db';
import { AppError, ErrorCode, isAppError } from '@chatops/errors';
import { storableString } from '@chatops/gitlab';
import { resolveDeliveryTarget } from '@chatops/integrations';
import { type Logger, withSpan } from '@chatops/observability';
import { type TtlCache } from '@chatops/runtime';
import { UnrecoverableError } from 'bullmq';
import { type Counter } from 'prom-client';
import { markDeadSlackToken } from './dead-slack-token';
import { postThreaded, type PostableDelivery } from './post-threaded';
import { type UnrecordedPosts } from './unrecorded-posts';

export interface DeliveryAttemptDeps {
  /** Thread anchors (Prisma). */
  db: Db;
  /** The per-message statements (claim, record). */
  sql: SqlPool;
  box: SecretBox;
  senders: Pick<ChatSenders, 'post' | 'update'>;
  /** Integration settings by id, cached briefly: every delivery needs its destination. */
  integrations: Pick<TtlCache<IntegrationWithDestination>, 'get' | 'clear'>;
  /** Posts made again because an earlier try's outcome was unknown (docs/delivery.md#possible-duplicates). */
  possibleDuplicates: Counter;
  /** Posts that went out but could not be recorded (docs/delivery.md#posted-but-not-recorded). */
  unrecorded: Pick<UnrecordedPosts, 'remember' | 'recall' | 'forget'>;
  /** How long a claim protects a delivery from other tries: longer than any live try can take. */
  takeOverAfterMs: number;
}

/** Which try this is, of how many the delivery may have. */
export interface TryNumber {
  attempt: number;
  maxAttempts: number;
}

/**
 * One try at a delivery. Resolves when there is nothing more to do (posted, or nothing to post).
 * Throws `UnrecoverableError` when the delivery must not be tried again (failed for good, or
 * posted but not recorded), otherwise the retryable error (`retryAfterMs`: the provider's Retry-After).
 */
export type AttemptDelivery = (deliveryId: string, tryNumber: TryNumber, log: Logger) => Promise<void>;

/** The same for a delivery the caller has claimed already (planned claimed by the routing job). */
export type PostClaimedDelivery = (delivery: DeliveryRow, tryNumber: TryNumber, log: Logger) => Promise<void>;

export interface DeliveryAttempts {
  attempt: AttemptDelivery;
  postClaimed: PostClaimedDelivery;
}

/** Claim, post, record: one try at a delivery. See docs/delivery.md#the-deliveries-job and #claims. */
export function deliveryAttempts(deps: DeliveryAttemptDeps): DeliveryAttempts {
  const postClaimed = claimedDeliveryPoster(deps);
  const attempt: AttemptDelivery = async (deliveryId, tryNumber, log) => {
    const claim = await claimDelivery(deps.sql, deliveryId, deps.takeOverAfterMs);
    if (claim.kind === 'missing') {
      log.warn({ deliveryId }, 'delivery no longer exists');
      return;
    }
    if (claim.kind === 'done') return;
    if (claim.kind === 'in_progress') {
      // Another try (a routing job's, a replay's) holds it: see how that went once it is over.
      throw new AppError(ErrorCode.DeliveryInProgress, 'another try is posting this delivery', {
        retryable: true,
        retryAfterMs: claim.retryAfterMs,
      });
    }
    if (claim.kind === 'outcome_unknown') {
      const posted = (await deps.unrecorded.recall([deliveryId])).get(deliveryId);
      if (posted !== undefined) {
        // That try did post, and only its record was lost: record it now, never post it twice.
        await recordDeliveryAttempt(
          deps.sql,
          deliveryId,
          { attempt: tryNumber.attempt, outcome: 'sent', durationMs: 0 },
          { remoteMessageId: posted || undefined },
        );
        await deps.unrecorded.forget(deliveryId);
        log.warn({ deliveryId }, 'recorded a post an earlier try made but could not record');
        return;
      }
      // Cut short after claiming: the chat may have it. See docs/delivery.md#possible-duplicates.
      deps.possibleDuplicates.inc();
      log.warn({ deliveryId }, 'earlier try ended without an outcome; posting again');
    }
    await postClaimed(claim.delivery, tryNumber, log);
  };
  return { attempt, postClaimed };
}

function claimedDeliveryPoster(deps: DeliveryAttemptDeps): PostClaimedDelivery {
  const targetOf = deliveryTargets(deps.box);
  return async (claimed, { attempt, maxAttempts }, log) => {
    const deliveryId = claimed.id;
    const integration = await deps.integrations.get(claimed.integrationId);
    // Deleting an integration deletes its deliveries; one racing with this try has nothing to do.
    if (!integration) return;
    const delivery: PostableDelivery = { ...claimed, integration };

    const started = Date.now();
    let remoteMessageId: string | undefined;
    try {
      remoteMessageId = await withSpan(
        'deliver',
        { 'chat.destination': integration.destination, 'chat.channel': delivery.channel },
        () => postThreaded(deps, deps.senders, delivery, targetOf(delivery)),
      );
    } catch (error) {
      const failure = describe(error);
      const lastTry = attempt >= maxAttempts && failure.retryAfterMs === undefined;
      const outcome = failure.retryable && !lastTry ? 'retry' : 'failed';
      // Marked before the failure is recorded, so a delivery seen failed has its installation marked.
      // Cached settings are forgotten then, so no other delivery posts with the dead token.
      if (await markDeadSlackToken(deps.db, integration, error, log)) deps.integrations.clear();
      await recordDeliveryAttempt(deps.sql, deliveryId, {
        attempt,
        outcome,
        durationMs: Date.now() - started,
        ...storableRecord(failure.record),
      });
      log.warn(
        { deliveryId, channel: delivery.channel, outcome, code: failure.record.errorCode },
        'delivery attempt failed',
      );
      if (outcome === 'failed') throw new UnrecoverableError(failure.record.errorCode);
      throw error;
    }

    // The message is out: never post it again. See docs/delivery.md#posted-but-not-recorded.
    try {
      await retrying(() =>
        recordDeliveryAttempt(
          deps.sql,
          deliveryId,
          { attempt, outcome: 'sent', durationMs: Date.now() - started },
          { remoteMessageId },
        ),
      );
    } catch (error) {
      log.error(
        { err: error, deliveryId },
        'posted, but could not record it; leaving the delivery as sending, remembered as posted',
      );
      await deps.unrecorded
        .remember(deliveryId, remoteMessageId)
        .catch((redisError: unknown) =>
          log.error({ err: redisError, deliveryId }, 'could not remember the unrecorded post either'),
        );
      throw new UnrecoverableError('sent_not_recorded');
    }
  };
}

/** The provider's Retry-After carried by a retryable error, if any. */
export function retryAfterOf(error: unknown): number | undefined {
  return describe(error).retryAfterMs;
}

/**
 * Where a delivery goes and with which credential. Unsealing (AES-GCM) is done once per cached
 * integration object rather than per message: the settings cache hands out the same object until
 * it reloads the integration, and the entry goes with the object.
 */
function deliveryTargets(box: SecretBox): (delivery: PostableDelivery) => DeliveryTarget {
  const unsealed = new WeakMap<IntegrationWithDestination, ReturnType<typeof resolveDeliveryTarget>>();
  return (delivery) => {
    let resolved = unsealed.get(delivery.integration);
    if (!resolved) {
      resolved = resolveDeliveryTarget(box, delivery.integration, delivery.channel);
      unsealed.set(delivery.integration, resolved);
    }
    if (!resolved.ok) throw ChatProviderError.rejected(resolved.reason);
    return { ...resolved.target, channel: delivery.channel };
  };
}

interface Failure {
  retryable: boolean;
  retryAfterMs: number | undefined;
  record: { errorCode: string; errorMessage: string; httpStatus?: number };
}

function describe(error: unknown): Failure {
  if (error instanceof ChatProviderError) {
    return {
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      record: {
        errorCode: error.providerError,
        errorMessage: error.message,
        ...(error.providerHttpStatus ? { httpStatus: error.providerHttpStatus } : {}),
      },
    };
  }
  if (isAppError(error))
    return {
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      record: { errorCode: error.code, errorMessage: error.message },
    };
  return {
    retryable: true,
    retryAfterMs: undefined,
    record: { errorCode: ErrorCode.Internal, errorMessage: error instanceof Error ? error.message : String(error) },
  };
}

/**
 * The failure as PostgreSQL can store it: a chat's answer may hold NUL or a lone surrogate, which
 * text columns refuse, and a record that cannot be written would fail the try on every retry.
 */
function storableRecord(record: Failure['record']): Failure['record'] {
  return { ...record, errorCode: storableString(record.errorCode), errorMessage: storableString(record.errorMessage) };
}

/** A few quick tries for a write that must not be lost to a passing database hiccup. */
async function retrying<T>(fn: () => Promise<T>, tries = 5, delayMs = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((r) => setTimeout(r, delayMs * i));
    }
  }
}
