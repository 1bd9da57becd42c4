import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { eventKey, newTag, WebhookFactory } from './payload';
import { requiredEnv as env } from './child-env';

/**
 * The ingest scenario's load generator, in a process of its own: a closed loop of signed
 * webhooks, every one with a new key. Kept out of the bench process, whose heap (every scenario,
 * the fake Slack, the results) it would otherwise share, so that the load it puts on the machine
 * is the same for both sides. Starts on a line on stdin (the CPU meter has its pid by then) and
 * prints autocannon's result as one JSON line.
 * Env: TARGET_URL, ENDPOINT (JSON: id, secret, signingSecret), DURATION_S, CONNECTIONS.
 */

async function main(): Promise<void> {
  const factory = new WebhookFactory(JSON.parse(env('ENDPOINT')) as ConstructorParameters<typeof WebhookFactory>[0]);
  const tag = newTag();
  let seq = 0;
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const result = await autocannon({
    url: env('TARGET_URL'),
    connections: Number(env('CONNECTIONS')),
    duration: Number(env('DURATION_S')),
    requests: [
      {
        setupRequest: (request) => {
          const hook = factory.build(eventKey(tag, seq++));
          return { ...request, method: 'POST', path: hook.path, headers: hook.headers, body: hook.body };
        },
      },
    ],
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
