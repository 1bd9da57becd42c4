import { DEMO_OUTBOUND_ALLOWED_HOSTS, type DemoConfig, demoServiceEnv, demoUrls } from './config';
import { startDemoApp } from './demo-app';
import { DEMO_EVENTS } from './events/catalog';
import { type ActivityEntry } from './events/director';
import { operatorCli } from './seed/operator-cli';
import { seedDemo } from './seed/seed';
import { readState, writeState } from './seed/state-file';

type Print = (line: string) => void;

/** `fakes`: the long-running demo process, until SIGTERM or SIGINT. */
export async function runFakes(
  config: DemoConfig,
  stateFile: string,
  replayDelayMs: number,
  print: Print,
): Promise<void> {
  const app = await startDemoApp(config, { target: () => readState(stateFile), replayDelayMs });
  const urls = demoUrls(config.ports);
  print(`demo: fake Slack ${urls.slack}, fake Mattermost ${urls.mattermost}, fake GitLab ${urls.gitlab}`);
  print(`demo: chat viewer ${app.viewerUrl}/ (gateway ${config.gatewayUrl})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      print(`demo: ${signal}, stopping`);
      void app.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** `env`: the services' environment for the demo, as `export` lines for a shell to eval. */
export function printEnv(config: DemoConfig, print: Print): void {
  for (const [key, value] of Object.entries(demoServiceEnv(config.ports)))
    print(`export ${key}='${value.replace(/'/g, `'\\''`)}'`);
}

/** `seed`: configures the running suite for the demo and records the endpoint in the state file. */
export async function runSeed(
  config: DemoConfig,
  env: { ADMIN_TOKEN: string; DATABASE_URL: string; ENCRYPTION_KEY: string; PATH: string },
  stateFile: string,
  print: Print,
): Promise<void> {
  const cli = operatorCli({
    PATH: env.PATH,
    DATABASE_URL: env.DATABASE_URL,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY,
    PUBLIC_URL: config.gatewayUrl,
    OUTBOUND_ALLOWED_HOSTS: DEMO_OUTBOUND_ALLOWED_HOSTS,
  });
  const state = await seedDemo({
    gatewayUrl: config.gatewayUrl,
    adminToken: env.ADMIN_TOKEN,
    cli,
    ports: config.ports,
    previous: await readState(stateFile),
    log: (line) => print(`seed: ${line}`),
  });
  await writeState(stateFile, state);
}

async function viewerCall<T>(
  viewerUrl: string,
  method: 'GET' | 'POST',
  path: string,
): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${viewerUrl}${path}`, {
      method,
      headers: { 'x-demo': '1' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Error(`the demo viewer at ${viewerUrl} does not answer (is make demo running?): ${String(error)}`);
  }
  return { status: response.status, body: (await response.json()) as T };
}

const describe = (entry: ActivityEntry) =>
  `${entry.label.padEnd(17)} → ${entry.status === 0 ? 'not sent' : entry.status} ${entry.detail}`;

/** `send <event>`: one event through the viewer (so it joins the current story). Returns the exit code. */
export async function runSend(viewerUrl: string, name: string | undefined, print: Print): Promise<number> {
  const known = DEMO_EVENTS.find((event) => event.name === name);
  if (known === undefined) {
    print(
      `usage: scripts/demo.sh send <event>\n\nevents:\n${DEMO_EVENTS.map((e) => `  ${e.name.padEnd(17)} ${e.expect}`).join('\n')}`,
    );
    return 2;
  }
  const { body } = await viewerCall<ActivityEntry>(viewerUrl, 'POST', `/api/events/${known.name}`);
  print(describe(body));
  return body.status === 202 ? 0 : 1;
}

/**
 * `replay`: the whole sequence, run by the demo process (so the viewer's "Replay all" is the same),
 * printing each event as it goes out, then waiting until a message is in the viewer.
 */
export async function runReplay(viewerUrl: string, print: Print): Promise<number> {
  const started = Date.now();
  const events = () => viewerCall<{ activity: ActivityEntry[]; replaying: boolean }>(viewerUrl, 'GET', '/api/events');
  const count = async () => (await viewerCall<{ count: number }>(viewerUrl, 'GET', '/api/count')).body.count;
  let shown = Math.max(0, ...(await events()).body.activity.map((entry) => entry.seq));
  const baseline = await count();
  const answer = await viewerCall<{ error?: string }>(viewerUrl, 'POST', '/api/replay');
  if (answer.status !== 202) {
    print(`replay: ${answer.body.error ?? answer.status}`);
    return 1;
  }
  let failed = 0;
  let firstMessageAfter: number | undefined;
  let deadline: number | undefined;
  for (;;) {
    const { body } = await events();
    const fresh = body.activity.filter((entry) => entry.seq > shown).sort((a, b) => a.seq - b.seq);
    for (const entry of fresh) {
      print(`  ${describe(entry)}`);
      if (entry.status !== 202) failed += 1;
      shown = entry.seq;
    }
    if (firstMessageAfter === undefined && (await count()) > baseline) firstMessageAfter = Date.now() - started;
    if (!body.replaying) {
      if (firstMessageAfter !== undefined) break;
      // Every event is out; the first message may still be on its way through the queue.
      deadline ??= Date.now() + 20_000;
      if (Date.now() > deadline) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (firstMessageAfter !== undefined) {
    print(
      `replay: the first message reached the viewer ${(firstMessageAfter / 1000).toFixed(1)} s after the first event`,
    );
    return failed === 0 ? 0 : 1;
  }
  print('replay: no message reached the viewer within 20 s; see the notifier log (.local/dev/log/notifier.log)');
  return 1;
}
