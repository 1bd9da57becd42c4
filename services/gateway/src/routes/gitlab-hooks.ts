import { randomUUID } from 'node:crypto';
import { type EndpointForIngest, secretMatches } from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import {
  describeRoutingShapeProblem,
  isKnownGitlabEvent,
  jsonTextMayHoldUnstorable,
  mayNestDeeperThan,
  nestsDeeperThan,
  payloadProjectId,
  readWebhookHeaders,
  verifyWebhookSignature,
  type WebhookHeaders,
  withStorableStrings,
} from '@chatops/gitlab';
import { type JobQueues, QueueName } from '@chatops/jobs';
import { withSpan } from '@chatops/observability';
import { type TtlCache } from '@chatops/runtime';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { type EndpointActivity } from './endpoint-activity';
import { type GatewayRateLimits } from './rate-limits';

/** A webhook endpoint as the gateway keeps it: its signing secret, if any, already unsealed. */
export type IngestEndpoint = EndpointForIngest & { signingSecret: string | null };

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for signatures computed over the bytes. */
    rawBody?: Buffer;
    /** The webhook endpoint this request authenticated against. */
    webhookEndpoint?: IngestEndpoint;
    /** GitLab's headers, read once when authenticating. */
    webhookHeaders?: WebhookHeaders;
  }
}

export interface GitlabHooksOptions {
  endpoints: TtlCache<IngestEndpoint>;
  /** Current time in milliseconds (injected so tests can move it). */
  now: () => number;
  queues: JobQueues;
  registry: Registry;
  bodyLimit: number;
  dedupeTtlMs: number;
  /** Told of every accepted event, to keep the endpoint's lastEventAt current. */
  activity?: Pick<EndpointActivity, 'record'>;
  /** Each endpoint's request budget, taken once the request is authenticated. */
  rateLimits: Pick<GatewayRateLimits, 'endpoint'>;
}

/** Far deeper than any GitLab payload; deeper bodies are refused before anything recurses over them. */
const MAX_JSON_DEPTH = 64;
/** Endpoint ids are random hex; anything else is unknown without asking the database. */
const ENDPOINT_ID = /^[A-Za-z0-9_-]{8,64}$/;

interface HookRequest {
  Params: { endpointId: string };
  Body: Record<string, unknown>;
}

/**
 * `POST /hooks/gitlab/:endpointId`: authenticate, accept, enqueue, answer. Authentication runs in
 * `onRequest`, before the body is read, so unauthenticated callers cannot make us parse megabytes.
 * A 202 means the event is in Redis; when Redis cannot take it we answer 503 and GitLab retries.
 */
export async function gitlabHooksRoutes(app: FastifyInstance, options: GitlabHooksOptions): Promise<void> {
  const received = new Counter({
    name: 'chatops_webhooks_total',
    help: 'GitLab webhooks received, by event and outcome',
    labelNames: ['event', 'outcome'],
    registers: [options.registry],
  });

  // GitLab sends JSON objects only: any other media type is 415 (fastify's default text parser
  // would otherwise let a text/plain body through), any other JSON value is malformed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, _body, done) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().slice(0, 100);
    done(
      new AppError(
        ErrorCode.UnsupportedMediaType,
        `content-type ${type ? `${type} is` : 'missing:'} not accepted: GitLab webhooks are application/json`,
      ),
    );
  });
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (request, body, done) => {
      try {
        request.rawBody = body as Buffer;
        const text = (body as Buffer).toString('utf8');
        const parsed: unknown = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          done(new AppError(ErrorCode.MalformedBody, 'body must be a JSON object'));
          return;
        }
        if (mayNestDeeperThan(body as Buffer, MAX_JSON_DEPTH) && nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
          done(new AppError(ErrorCode.MalformedBody, `body nests deeper than ${MAX_JSON_DEPTH} levels`));
          return;
        }
        // NUL and lone surrogates (`\u0000`, `\ud800`) parse, but PostgreSQL refuses them in text
        // and jsonb, so such an event would fail in the notifier on every try. Cleaned rather than
        // refused: a stray control character in a title does not make the event worthless, and a
        // 4xx would lose it (GitLab does not retry a 4xx, and disables a hook that keeps failing).
        done(null, jsonTextMayHoldUnstorable(text) ? withStorableStrings(parsed) : parsed);
      } catch {
        done(new AppError(ErrorCode.MalformedBody, 'body is not valid JSON'));
      }
    },
  );

  /**
   * Authenticates against the endpoint (token, enabled, event header) and, for an unsigned one,
   * takes its budget. Undefined when that was settled in this tick (endpoint cached, a leased token
   * held: the usual case under load), else a promise: a webhook then costs no promise at all here.
   */
  const admit = (request: FastifyRequest<HookRequest>): Promise<void> | undefined => {
    const { endpointId } = request.params;
    if (!ENDPOINT_ID.test(endpointId)) throw new AppError(ErrorCode.UnknownEndpoint, 'unknown webhook endpoint');
    const cached = options.endpoints.peek(endpointId);
    if (cached !== undefined) return admitTo(request, cached);
    return options.endpoints.get(endpointId).then(
      (endpoint) => admitTo(request, endpoint),
      (error: unknown) => {
        throw new AppError(ErrorCode.DatabaseUnavailable, 'could not look up the endpoint', {
          retryable: true,
          cause: error,
        });
      },
    );
  };

  const admitTo = (request: FastifyRequest<HookRequest>, endpoint: IngestEndpoint | null) => {
    if (!endpoint) throw new AppError(ErrorCode.UnknownEndpoint, 'unknown webhook endpoint');
    const headers = readWebhookHeaders(request.headers);
    if (headers.token === undefined || !secretMatches(headers.token, endpoint.secretHash)) {
      received.inc({ event: 'unknown', outcome: 'unauthorized' });
      throw new AppError(ErrorCode.InvalidToken, 'X-Gitlab-Token does not match this endpoint');
    }
    // 403 rather than 410: the endpoint is still there (same URL and secret) and an operator may
    // enable it again, which 410's "gone for good" would deny; the caller is authenticated but not
    // allowed to deliver now. GitLab treats any 4xx as a failed delivery and does not retry it as
    // it does a 5xx; after repeated failures it disables the hook on its side too.
    if (endpoint.disabledAt) {
      received.inc({ event: 'unknown', outcome: 'disabled' });
      throw new AppError(
        ErrorCode.EndpointDisabled,
        'this webhook endpoint is disabled; an operator can enable it again (POST /api/v1/endpoints/:id/enable)',
      );
    }
    if (headers.eventName === undefined)
      throw new AppError(ErrorCode.MissingEventHeader, 'X-Gitlab-Event header is required');
    if (!isKnownGitlabEvent(headers.eventName)) {
      throw new AppError(ErrorCode.UnknownEvent, `unknown X-Gitlab-Event: ${headers.eventName.slice(0, 64)}`);
    }
    request.webhookEndpoint = endpoint;
    request.webhookHeaders = headers;
    // Authenticated: spend the endpoint's budget now, before the body is read. A signed endpoint
    // waits for its signature (checkSignature), so a leaked token alone cannot spend it.
    return endpoint.signingSecret ? undefined : takeBudget(request, endpoint.id, headers.eventName);
  };

  /**
   * Only authenticated requests spend an endpoint's budget, so a caller without its secret cannot
   * exhaust it; unauthenticated ones are refused cheaply anyway (cached lookup, hash compare, body
   * never read). See docs/operations.md#rate-limits-at-the-gateway.
   */
  const takeBudget = (request: FastifyRequest, endpointId: string, eventName: string) =>
    options.rateLimits.endpoint(endpointId, request.log)?.catch((error: unknown) => {
      received.inc({ event: eventName, outcome: 'rate_limited' });
      throw error;
    });

  // A signature covers the body, so it can only be checked once the body is read.
  const checkSignature = (request: FastifyRequest<HookRequest>): Promise<void> | undefined => {
    const secret = request.webhookEndpoint?.signingSecret;
    if (!secret) return undefined;
    const check = verifyWebhookSignature(
      secret,
      {
        ...(request.webhookHeaders ?? readWebhookHeaders(request.headers)).signature,
        body: request.rawBody ?? Buffer.alloc(0),
      },
      Math.floor(options.now() / 1000),
    );
    if (check === 'valid')
      return takeBudget(request, request.params.endpointId, request.webhookHeaders?.eventName ?? 'unknown');
    received.inc({ event: 'unknown', outcome: 'unauthorized' });
    if (check === 'stale')
      throw new AppError(ErrorCode.StaleTimestamp, 'webhook-timestamp is more than 5 minutes away');
    throw new AppError(
      ErrorCode.InvalidSignature,
      check === 'missing'
        ? 'this endpoint requires signed webhooks (webhook-id, webhook-timestamp, webhook-signature)'
        : 'webhook-signature does not match',
    );
  };

  /**
   * Refuses what routing would fail on later (202 now, a permanent failure in the notifier):
   * a body without the fields its event needs, or, at a project endpoint, a payload about
   * another GitLab project, which would be posted under this project's integrations.
   */
  const checkPayload = (endpoint: IngestEndpoint, eventName: string, payload: Record<string, unknown>) => {
    const problem = describeRoutingShapeProblem(eventName, payload);
    if (problem) {
      received.inc({ event: eventName, outcome: 'malformed' });
      throw new AppError(ErrorCode.MalformedBody, problem);
    }
    if (endpoint.scope !== 'project') return;
    const projectId = payloadProjectId(payload);
    if (projectId !== undefined && projectId !== endpoint.gitlabProjectId) {
      received.inc({ event: eventName, outcome: 'wrong_project' });
      throw new AppError(
        ErrorCode.ProjectMismatch,
        `this endpoint takes events of GitLab project ${endpoint.gitlabProjectId} only, not of project ${projectId}; ` +
          'give each project its own endpoint, or use an endpoint created with scope "group" for a group hook',
      );
    }
  };

  // GitLab posts; anything else at a webhook URL is a person or a probe: say which method works.
  app.route({
    method: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
    url: '/hooks/gitlab/:endpointId',
    handler: async (request, reply) => {
      void reply.header('allow', 'POST');
      throw new AppError(
        ErrorCode.MethodNotAllowed,
        `${request.method} is not allowed here: GitLab POSTs its webhooks to this URL`,
      );
    },
  });

  app.post<HookRequest>(
    '/hooks/gitlab/:endpointId',
    { onRequest: hookOf(admit), preHandler: hookOf(checkSignature) },
    async (request, reply) => {
      const headers = request.webhookHeaders ?? readWebhookHeaders(request.headers);
      const eventName = headers.eventName ?? '';
      const endpoint = request.webhookEndpoint;
      if (request.body === undefined) throw new AppError(ErrorCode.MalformedBody, 'a JSON body is required');
      if (endpoint) checkPayload(endpoint, eventName, request.body);

      const { endpointId } = request.params;
      const eventKey = headers.idempotencyKey ?? randomUUID();
      const result = await withSpan(
        'ingest gitlab webhook',
        { 'gitlab.event': eventName, 'chatops.endpoint_id': endpointId },
        () =>
          options.queues.enqueue(
            QueueName.Events,
            {
              endpointId,
              eventName,
              eventKey,
              receivedAt: new Date().toISOString(),
              payload: request.body,
              meta: { requestId: request.id },
            },
            // Only GitLab's own keys identify a redelivery; a generated key never repeats.
            headers.idempotencyKey
              ? { dedupe: { key: `gitlab:${endpointId}:${eventKey}`, ttlMs: options.dedupeTtlMs } }
              : {},
          ),
      ).catch((error: unknown) => {
        received.inc({ event: eventName, outcome: 'unavailable' });
        throw error;
      });

      received.inc({ event: eventName, outcome: result.duplicate ? 'duplicate' : 'accepted' });
      options.activity?.record(endpointId);
      request.log.info(
        { endpointId, eventName, eventKey, jobId: result.jobId, duplicate: result.duplicate },
        result.duplicate ? 'webhook already accepted' : 'webhook accepted',
      );
      if (result.duplicate) return reply.status(200).send({ status: 'duplicate', eventKey });
      return reply.status(202).send({ status: 'accepted', eventKey });
    },
  );
}

/**
 * A callback-style fastify hook around work that either settles in the same tick (returns
 * undefined, or throws) or returns a promise. fastify answers an async hook's promise a tick
 * later; on the webhook path the work usually needs no waiting, and each hook then costs no promise.
 */
function hookOf<R extends FastifyRequest>(
  work: (request: R) => Promise<void> | undefined,
): (request: R, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  return (request, _reply, done) => {
    let pending: Promise<void> | undefined;
    try {
      pending = work(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (pending) pending.then(() => done(), done);
    else done();
  };
}
