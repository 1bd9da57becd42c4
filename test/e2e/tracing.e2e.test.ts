import { type FakeSlack } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { OtlpCollector } from '../support/otlp-collector';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { pushesToOneChannel, startOneChannelSlack } from '../support/one-channel-slack';
import { postWebhook, seedSlackIntegration } from '../support/seed';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

/**
 * With OTEL_* set, the real services export spans, and the trace context carried in job data makes
 * one trace of a webhook: gateway ingest → notifier routing → delivery to Slack. Once with one
 * notifier, whose routing job posts itself; once with routing and posting in processes of their
 * own (NOTIFIER_QUEUES), where the trace crosses the deliveries queue too.
 */
describe.each([
  { mode: 'one notifier', notifiers: [{}], spanNames: ['ingest gitlab webhook', 'process events', 'deliver'] },
  {
    mode: 'routing and posting apart',
    notifiers: [{ NOTIFIER_QUEUES: 'events' }, { NOTIFIER_QUEUES: 'deliveries' }],
    spanNames: ['ingest gitlab webhook', 'process events', 'process deliveries', 'deliver'],
  },
])('tracing across processes ($mode)', ({ notifiers, spanNames }) => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let collector: OtlpCollector;
  let prefix: string;
  const services: RunningService[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startOneChannelSlack('xoxb-trace');
    collector = new OtlpCollector();
    const collectorUrl = await collector.start();
    prefix = uniquePrefix('trace');
    const env = {
      ...serviceEnv(database.url, prefix),
      SLACK_API_URL: `${slack.url}/api`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    services.push(await startService('gateway', env));
    for (const notifierEnv of notifiers) services.push(await startService('notifier', { ...env, ...notifierEnv }));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([slack.stop(), collector.stop()]);
    await deletePrefix(prefix);
    await database.drop();
  });

  it('joins gateway, notifier and delivery spans in one trace', async () => {
    const seeded = await seedSlackIntegration(database.db, pushesToOneChannel('xoxb-trace'));
    const response = await postWebhook(services[0]?.url ?? '', seeded, 'Push Hook', loadFixture('push.json'));
    expect(response.status).toBe(202);
    await waitFor(() => slack.messages('C1').length === 1, { what: 'the Slack message' });

    const spans = await waitFor(
      () => {
        const found = spanNames.map((name) => collector.spans.find((s) => s.name === name));
        return found.every(Boolean) && (found as NonNullable<(typeof found)[number]>[]);
      },
      { timeoutMs: 15_000, what: 'all spans at the collector' },
    );

    const [ingest, routing] = spans;
    expect(ingest?.service).toBe('chatops-gateway');
    expect(routing?.service).toBe('chatops-notifier');
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    // Each span is the child of the one before it: ingest → routing → (deliveries job →) post.
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.parentSpanId).toBe(spans[i - 1]?.spanId);
  });
});
