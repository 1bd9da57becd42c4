import { FakeSlack, type FakeSlackOptions } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';

export const TEAM_ID = 'T0BENCH';
export const BOT_TOKEN = 'xoxb-bench-token';
export const channelId = (i: number) => `C0BENCH${String(i).padStart(3, '0')}`;

const KEY = /bench-([a-z0-9]+)-(\d+)/;

/**
 * What arrived at the fake Slack for one load run: the first arrival time of each event (by the
 * sequence number tagged into its title) and how many times it arrived.
 */
export class Tally {
  readonly firstAt: Float64Array;
  readonly count: Uint16Array;
  /** Arrival times in order (performance.now() ms), for throughput windows. */
  readonly arrivals: number[] = [];
  /** Arrival times of the second and later copies of an event, by sequence number (duplicates are rare). */
  readonly repeatsAt = new Map<number, number[]>();
  distinct = 0;
  foreign = 0;

  constructor(
    readonly tag: string,
    readonly total: number,
  ) {
    this.firstAt = new Float64Array(total);
    this.count = new Uint16Array(total);
  }

  record(tag: string, seq: number, at: number): void {
    if (tag !== this.tag || seq >= this.total) {
      this.foreign++;
      return;
    }
    if (this.count[seq] === 0) {
      this.firstAt[seq] = at;
      this.distinct++;
    } else {
      this.repeatsAt.set(seq, [...(this.repeatsAt.get(seq) ?? []), at]);
    }
    this.count[seq] = (this.count[seq] ?? 0) + 1;
    this.arrivals.push(at);
  }

  /** Extra messages beyond the first, over all events. */
  duplicates(): number {
    let extra = 0;
    for (const n of this.count) if (n > 1) extra += n - 1;
    return extra;
  }
}

/**
 * The modals the fake Slack opened during one load run: when `views.open` exchanged each
 * trigger_id (the moment the user would see the form), and why the calls it refused failed.
 */
export class ModalTally {
  readonly openedAt = new Map<string, number>();
  /** Refused views.open calls by Slack error (`expired_trigger_id` when the 3 s ran out), or HTTP status. */
  readonly refused: Record<string, number> = {};

  record(triggerId: string, at: number): void {
    if (!this.openedAt.has(triggerId)) this.openedAt.set(triggerId, at);
  }

  refuse(reason: string): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }
}

const SLACK_ERROR = /"error":"([^"]+)"/;

/** A Slack outage to play: every Web API call answered with this status (and Retry-After, for a 429). */
export interface SlackOutage {
  status: number;
  retryAfterSeconds?: number;
}

/**
 * The @chatops/testing fake Slack, plus a hook that sees every accepted chat.postMessage as it
 * is answered: it reads the event key back from the posted text and tallies its arrival; and,
 * while `modals` is set, every views.open (by the trigger_id it exchanged).
 */
export class ObservedSlack extends FakeSlack {
  tally: Tally | undefined;
  /** Set while a run watches modals open (views.open answered ok, by trigger_id). */
  modals: ModalTally | undefined;
  /** chat.postMessage calls answered 429 (the fake's per-channel limit). */
  rateLimited = 0;
  accepted = 0;
  /** While set, every Web API call is refused this way (the soak's Slack outages). */
  outage: SlackOutage | undefined;
  /** Calls refused by an outage. */
  outageAnswers = 0;

  constructor(options: FakeSlackOptions) {
    super({ recordCalls: false, ...options });
  }

  protected override registerRoutes(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      const outage = this.outage;
      if (!outage || !request.url.startsWith('/api/')) return;
      this.outageAnswers++;
      if (outage.retryAfterSeconds !== undefined) void reply.header('retry-after', String(outage.retryAfterSeconds));
      const error = outage.status === 429 ? 'ratelimited' : 'fatal_error';
      return reply.code(outage.status).send({ ok: false, error });
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.url === '/api/chat.postMessage') {
        if (reply.statusCode === 429) this.rateLimited++;
        else if (reply.statusCode === 200 && typeof payload === 'string' && payload.startsWith('{"ok":true')) {
          this.accepted++;
          const text = (request.body as { text?: unknown } | undefined)?.text;
          const match = typeof text === 'string' ? KEY.exec(text) : null;
          if (match && this.tally) this.tally.record(match[1] ?? '', Number(match[2]), performance.now());
          else if (this.tally) this.tally.foreign++;
        }
      } else if (request.url === '/api/views.open' && this.modals) {
        const triggerId = (request.body as { trigger_id?: unknown } | undefined)?.trigger_id;
        const body = typeof payload === 'string' ? payload : '';
        if (reply.statusCode === 200 && body.startsWith('{"ok":true') && typeof triggerId === 'string')
          this.modals.record(triggerId, performance.now());
        else this.modals.refuse(SLACK_ERROR.exec(body)?.[1] ?? `HTTP ${reply.statusCode}`);
      }
      done(null, payload);
    });
    super.registerRoutes(app);
  }
}

/** A started fake Slack with the bench workspace and `channels` channels. */
export async function startSlack(options: FakeSlackOptions & { channels: number }): Promise<ObservedSlack> {
  const { channels, ...rest } = options;
  const slack = new ObservedSlack(rest);
  await slack.start();
  slack.addWorkspace({
    teamId: TEAM_ID,
    botToken: BOT_TOKEN,
    botUserId: 'UBENCHBOT',
    channels: Array.from({ length: channels }, (_, i) => ({ id: channelId(i), name: `bench-${i}` })),
  });
  return slack;
}
