import { markSlackInstallationRevoked, type Db } from '@chatops/db';
import { type Logger } from '@chatops/observability';
import { toAppError } from '@chatops/runtime';
import { SLACK_PATHS, type SlackAppConfigSource } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { slackSignatureCheck } from '../slack-signature';
import { publishAppHome, type AppHomeDeps } from './app-home';
import { enterpriseOf, parseEventEnvelope } from './slack-event';

/** Events are small; Slack's largest (message events with blocks) stay far below this. */
const EVENT_BODY_LIMIT_BYTES = 256 * 1024;

export interface SlackEventsOptions {
  db: Db;
  slackApp: SlackAppConfigSource;
  now: () => number;
  registry: Registry;
  /** What publishing the App Home needs (runs after the answer). */
  appHome: AppHomeDeps;
}

/**
 * `POST /slack/events`: the Slack app's Event Subscriptions Request URL, signed like the other Slack
 * routes (raw JSON body, 5-minute window). `url_verification` is answered with its challenge;
 * `app_uninstalled` and `tokens_revoked` (bot tokens) mark the workspace's installation revoked
 * before answering, so nothing more is posted with the dead token; `app_home_opened` is answered at
 * once and the App Home published after (it calls Slack, and Slack wants its answer within 3 s).
 * Known events get `200 {}`, others an empty 204, as GitLab answers. Our own failure (PostgreSQL
 * down) is a 503, so that Slack delivers the event again.
 */
export async function slackEventsRoutes(app: FastifyInstance, options: SlackEventsOptions): Promise<void> {
  const events = new Counter({
    name: 'chatops_slack_events_total',
    help: 'Slack Events API requests received, by event type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [options.registry],
  });
  // Work started after answering, awaited on close so that nothing is cut off mid-call.
  const background = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...background]);
  });
  const later = (log: Logger, what: string, work: () => Promise<unknown>) => {
    const running = work()
      .catch((error: unknown) => log.warn({ err: error }, `${what} failed`))
      .finally(() => background.delete(running));
    background.add(running);
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: EVENT_BODY_LIMIT_BYTES },
    (request, body, done) => {
      request.rawJsonBody = body as Buffer;
      done(null, {});
    },
  );
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    events.inc({ type: 'unknown', outcome: appError.code });
    if (appError.httpStatus < 500) {
      request.log.info({ code: appError.code, reason: appError.message }, 'slack event rejected');
      return reply.status(appError.httpStatus).send({ error: { code: appError.code, message: appError.message } });
    }
    request.log.error({ err: error, code: appError.code }, 'slack event could not be handled; Slack will retry');
    return reply.status(503).send({ error: { code: appError.code, message: 'try again later' } });
  });

  const verify = slackSignatureCheck(options);

  app.post(SLACK_PATHS.events, { preHandler: verify }, async (request, reply) => {
    const envelope = parseEventEnvelope(request.rawJsonBody);
    if (envelope.type === 'url_verification') {
      events.inc({ type: 'url_verification', outcome: 'answered' });
      return reply.status(200).send({ challenge: envelope.challenge ?? '' });
    }
    const event = envelope.event;
    const teamId = envelope.team_id;
    if (envelope.type !== 'event_callback' || !event || !teamId) {
      events.inc({ type: envelope.type, outcome: 'ignored' });
      return reply.status(204).send();
    }
    const log = request.log.child({ teamId, eventType: event.type, eventId: envelope.event_id }) as Logger;
    switch (event.type) {
      case 'app_uninstalled':
      case 'tokens_revoked': {
        // tokens_revoked also tells of user tokens, which chatops does not hold: only the bot's matter.
        if (event.type === 'tokens_revoked' && (event.tokens?.bot ?? []).length === 0) break;
        const revoked = await markSlackInstallationRevoked(
          options.db,
          { teamId, enterpriseId: enterpriseOf(envelope) },
          event.type,
        );
        log.info({ installations: revoked.map((i) => i.id) }, 'slack installation revoked by Slack');
        break;
      }
      case 'app_home_opened':
        if (event.user && event.tab !== 'messages') {
          const user = event.user;
          later(log, 'publishing the App Home', () => publishAppHome(options.appHome, teamId, user));
        }
        break;
      default:
        events.inc({ type: event.type, outcome: 'ignored' });
        return reply.status(204).send();
    }
    events.inc({ type: event.type, outcome: 'accepted' });
    return reply.status(200).send({});
  });
}
