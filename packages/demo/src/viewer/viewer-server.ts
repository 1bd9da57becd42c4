import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Platform } from '../config';
import { type EventDirector, UnknownEventError } from '../events/director';
import { type DemoWorld } from '../world/demo-world';
import { VIEWER_CSS } from './assets/viewer-css';
import { VIEWER_JS } from './assets/viewer-js';
import { activityHtml, countMessages, pageHtml, panelFragments, selectedChannel } from './page';
import { type SlashCommands } from './slash-commands';
import { buildTimeline, type ViewPlatform } from './timeline';

export interface ViewerOptions {
  world: DemoWorld;
  director: EventDirector;
  commands: SlashCommands;
  /** Pause between the events of a replay, so a watcher sees them arrive one by one. */
  replayDelayMs: number;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PLATFORMS: readonly Platform[] = ['slack', 'mattermost'];
const isPlatform = (value: unknown): value is Platform => PLATFORMS.includes(value as Platform);

/**
 * The chat viewer: a page showing the fake Slack's and Mattermost's channels as their apps would,
 * plus a small JSON API (`/api/messages` for tests, events, replay and slash commands).
 */
export function buildViewer(options: ViewerOptions): FastifyInstance {
  const { world, director, commands } = options;
  const app = Fastify({ logger: false });
  // Only JSON bodies: a cross-site form can send text/plain or urlencoded, never application/json.
  app.removeContentTypeParser('text/plain');

  const snapshot = () => {
    const platforms = buildTimeline(world, commands.log);
    const version = createHash('sha1')
      .update(JSON.stringify([platforms, director.activity]))
      .digest('hex')
      .slice(0, 16);
    return { platforms, version };
  };
  const selection = (query: unknown): Partial<Record<Platform, string>> => {
    const q = (query ?? {}) as Record<string, unknown>;
    return Object.fromEntries(PLATFORMS.filter((p) => typeof q[p] === 'string').map((p) => [p, String(q[p])]));
  };
  const fragmentsOf = (view: ViewPlatform, requested: string | undefined) =>
    panelFragments(view, selectedChannel(view, requested));

  // State-changing requests must carry a header that a cross-site page cannot add without a preflight.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST' && request.headers['x-demo'] !== '1')
      return reply.code(403).send({ error: 'POST requests need the header x-demo: 1' });
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/assets/viewer.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(VIEWER_CSS));
  app.get('/assets/viewer.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(VIEWER_JS));

  app.get('/', async (request, reply) => {
    const { platforms, version } = snapshot();
    const html = pageHtml({
      platforms,
      selected: selection(request.query),
      events: director.events,
      activity: director.activity,
      version,
    });
    return reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(html);
  });

  app.get('/fragments', async (request) => {
    const { platforms, version } = snapshot();
    const selected = selection(request.query);
    return {
      version,
      activity: activityHtml(director.activity),
      ...Object.fromEntries(platforms.map((view) => [view.platform, fragmentsOf(view, selected[view.platform])])),
    };
  });

  app.get('/api/version', async () => ({ version: snapshot().version }));
  app.get('/api/messages', async () => snapshot());
  app.get('/api/events', async () => ({
    events: director.events.map(({ name, label, header, expect }) => ({ name, label, header, expect })),
    activity: director.activity,
    replaying: director.isReplaying,
  }));
  app.get('/api/count', async () => ({ count: countMessages(buildTimeline(world, []).flatMap((p) => p.channels)) }));

  app.post<{ Params: { name: string } }>('/api/events/:name', async (request, reply) => {
    try {
      const entry = await director.send(request.params.name);
      return reply.code(entry.status === 202 ? 200 : 502).send(entry);
    } catch (error) {
      if (error instanceof UnknownEventError) return reply.code(404).send({ error: error.message });
      throw error;
    }
  });

  app.post<{ Querystring: { wait?: string } }>('/api/replay', async (request, reply) => {
    if (director.isReplaying) return reply.code(409).send({ error: 'a replay is already running' });
    const run = director.replay(options.replayDelayMs);
    if (request.query.wait === undefined) {
      run.catch(() => undefined); // send() records its own failures
      return reply.code(202).send({ started: true });
    }
    return { entries: await run };
  });

  app.post('/api/command', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { platform, channel, text } = body;
    if (!isPlatform(platform) || typeof channel !== 'string' || typeof text !== 'string' || text.trim() === '')
      return reply.code(400).send({ error: 'expected { platform: "slack" | "mattermost", channel, text }' });
    if (!/^(\/gitlab\b|[^/])/.test(text.trim()))
      return reply.code(400).send({ error: 'only /gitlab commands are wired up in this demo' });
    try {
      return await commands.run(platform, channel, text);
    } catch (error) {
      return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
    }
  });

  return app;
}
