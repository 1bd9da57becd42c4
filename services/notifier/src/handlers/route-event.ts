import { platformOf, renderNotification } from '@chatops/chat';
import {
  type Db,
  type DeliveryEvent,
  type DeliveryTargetRow,
  type IncidentChannel,
  type IntegrationWithDestination,
  planDeliveries,
  refreshDefaultBranch,
  type SqlPool,
  valueRefusalOf,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type RouteDecision, routeDecisions, type Skip } from '@chatops/integrations';
import { type JobData, type JobHandler, type JobQueues, type QueueName } from '@chatops/jobs';
import { eventKindOf } from '@chatops/gitlab';
import { type BuiltNotification, buildNotification } from '@chatops/messages';
import { type Logger } from '@chatops/observability';
import { type TtlCache } from '@chatops/runtime';
import { type Job } from 'bullmq';
import { type Counter } from 'prom-client';
import { channelKeyOf } from '../delivery/channel-key';
import { type PipelineEnricher } from '../enrichment/pipeline-enricher';
import { dispatchDeliveries, type PostNow, type RenderedTarget } from './dispatch-deliveries';
import { withIncidentChannel } from './incident-channel';

export interface RouteEventDeps {
  db: Db;
  sql: SqlPool;
  /** Routing decisions that left an integration or channel out, by reason. */
  skipped: Counter<'reason'>;
  queues: JobQueues;
  pipelines: PipelineEnricher;
  /** An endpoint's active integrations, cached briefly: every event needs them. */
  integrations: TtlCache<IntegrationWithDestination[]>;
  /** Incidents' own channels (see incidentChannelLoader), cached briefly: incident events look them up. */
  incidentChannels: TtlCache<IncidentChannel>;
  /**
   * Set in a process that also works the deliveries queue: the routing job then makes each new
   * delivery's first try itself. See docs/delivery.md#first-try-from-the-routing-job.
   */
  postNow?: PostNow;
}

type EventJobData = JobData<typeof QueueName.Events>;

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination, plan one delivery per channel, then post or enqueue each.
 * Safe to run twice for the same event. See docs/delivery.md#the-routing-job.
 */
export function routeEventHandler(deps: RouteEventDeps): JobHandler<typeof QueueName.Events> {
  const route = eventRouter(deps);
  return async (job, context) => {
    try {
      await route(job, context);
    } catch (error) {
      throw permanentIfValueRefused(error);
    }
  };
}

/**
 * A value PostgreSQL refuses (NUL or a lone surrogate in the payload, say, from before the gateway
 * cleaned them) is refused on every retry: fail the event at once, saying why, rather than retry it
 * for an hour. See docs/delivery.md#retries-and-dead-letters.
 */
function permanentIfValueRefused(error: unknown): unknown {
  const refusal = valueRefusalOf(error);
  if (!refusal) return error;
  return new AppError(
    ErrorCode.UnstorableValue,
    `PostgreSQL refused a value of this event (SQLSTATE ${refusal.sqlState}): ${refusal.message}`,
    { retryable: false, cause: error },
  );
}

function eventRouter(deps: RouteEventDeps): JobHandler<typeof QueueName.Events> {
  return async (job, context) => {
    const { log } = context;
    const integrations = await loadIntegrations(deps, job.endpointId);
    if (integrations.length === 0) {
      log.debug({ endpointId: job.endpointId }, 'no active integration for this endpoint');
      return;
    }
    const built = await buildEventNotification(deps.pipelines, job, integrations);
    if (!built) {
      log.debug({ eventName: job.eventName }, 'no notification for this event');
      return;
    }
    void keepDefaultBranch(deps.db, integrations, built, log);
    const decisions = await withIncidentChannel(
      deps.incidentChannels,
      built,
      job.payload,
      routeDecisions(built.kind, built.facts, integrations),
    );
    const skips = recordedSkips(decisions);
    for (const skip of skips) deps.skipped.inc({ reason: skip.reason });
    const targets = renderTargets(built, decisions);
    const rerun = isRerun(context.job);
    // A rerun takes no tokens and plans unclaimed: see docs/delivery.md#reruns-of-a-routing-job.
    const postNow = rerun ? undefined : deps.postNow;
    const waits = await takePacingTokens(postNow, targets);
    const event = deliveryEventOf(job, built);
    const deliveries = await planDeliveries(deps.sql, event, [...plannedRows(targets, waits), ...skippedRows(skips)]);
    await dispatchDeliveries(deliveries, {
      queues: deps.queues,
      postNow,
      rerun,
      event,
      targets,
      waits,
      meta: job.meta.requestId ? { requestId: job.meta.requestId } : {},
      log,
    });
    log.info(
      {
        kind: built.kind,
        integrations: integrations.length,
        deliveries: targets.length,
        skipped: skips.map(({ integrationName, channel, reason }) => ({
          integration: integrationName,
          channel,
          reason,
        })),
      },
      'event routed',
    );
  };
}

/** The endpoint's active integrations (none for an unknown endpoint). */
async function loadIntegrations(deps: RouteEventDeps, endpointId: string): Promise<IntegrationWithDestination[]> {
  return (await deps.integrations.get(endpointId)) ?? [];
}

/** The neutral message for the event, or null when GitLab would not notify; pipelines are enriched first. */
async function buildEventNotification(
  pipelines: PipelineEnricher,
  job: EventJobData,
  integrations: IntegrationWithDestination[],
): Promise<BuiltNotification | null> {
  // Only pipelines need GitLab's API; every integration of an endpoint shares its project.
  const project = integrations[0]?.project;
  const extras =
    eventKindOf(job.eventName, job.payload) === 'pipeline'
      ? { pipeline: await pipelines.extras(job.payload, project?.apiTokenSealed ?? null) }
      : {};
  return buildNotification(job.eventName, job.payload, extras);
}

/** The channels the event goes to, each with its pacing key and its destination's rendering. */
function renderTargets(built: BuiltNotification, decisions: RouteDecision[]): RenderedTarget[] {
  return decisions.flatMap(({ integration, channels }) => {
    const body = renderNotification(platformOf(integration.destination), built.message, {
      username: integration.username,
    }).message;
    return channels.map((channel) => ({ integration, channel, channelKey: channelKeyOf(integration, channel), body }));
  });
}

type RecordedSkip = Skip & { integrationId: string; integrationName: string; channel: string };

/**
 * What the delivery log keeps of the decisions not to send: every filter, channel or
 * confidentiality refusal at an integration that notifies this kind of event. An integration
 * that does not notify the kind at all is not recorded (every push would log a row for every
 * issue-only integration): `chatops explain` shows those.
 */
function recordedSkips(decisions: RouteDecision[]): RecordedSkip[] {
  return decisions.flatMap(({ integration, skipped }) =>
    skipped
      .filter((skip) => skip.reason !== 'event_not_routed')
      .map((skip) => ({ ...skip, integrationId: integration.id, integrationName: integration.name })),
  );
}

function skippedRows(skips: RecordedSkip[]): DeliveryTargetRow[] {
  return skips.map((skip) => ({
    integrationId: skip.integrationId,
    channel: skip.channel,
    body: {},
    skip: { code: skip.reason, message: skip.detail },
  }));
}

/**
 * GitLab's branch filter uses the project's current default branch, which the payload carries:
 * remember it, so a payload without one (and operators) see the same. Never in the event's way.
 */
async function keepDefaultBranch(
  db: Db,
  integrations: IntegrationWithDestination[],
  built: BuiltNotification,
  log: Logger,
): Promise<void> {
  const project = integrations[0]?.project;
  const branch = built.facts.defaultBranch;
  if (!project || !branch || project.defaultBranch === branch) return;
  try {
    await refreshDefaultBranch(db, project.id, branch);
  } catch (error) {
    log.warn({ err: error, projectId: project.id }, 'could not record the default branch');
  }
}

/** A run after a failed or cut-short one: some deliveries may exist already, in any state. */
function isRerun(job: Pick<Job, 'attemptsMade' | 'stalledCounter'>): boolean {
  return job.attemptsMade > 0 || job.stalledCounter > 0;
}

/**
 * One pacing token per target when posting from here (0: it may go now, else the wait), taken
 * before planning so that a delivery that can go now is planned claimed; none otherwise.
 */
async function takePacingTokens(postNow: PostNow | undefined, targets: RenderedTarget[]): Promise<number[]> {
  return postNow ? Promise.all(targets.map((target) => postNow.pace.take(target.channelKey))) : [];
}

function deliveryEventOf(job: EventJobData, built: BuiltNotification): DeliveryEvent {
  return {
    endpointId: job.endpointId,
    eventKey: job.eventKey,
    eventKind: built.kind,
    threadKey: built.facts.threadKey ?? null,
  };
}

/** The rows to plan: claimed (`sending`) where a token was taken, so this job posts them. */
function plannedRows(targets: RenderedTarget[], waits: number[]): DeliveryTargetRow[] {
  return targets.map((target, i) => ({
    integrationId: target.integration.id,
    channel: target.channel,
    body: target.body,
    claim: waits[i] === 0,
  }));
}
