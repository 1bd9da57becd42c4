import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { freePort } from '@chatops/testing';
import { benchEnv } from './config';
import { createBenchDatabase, postmasterPid } from './database';
import { postgresPids, redisServerPids, startNode } from './processes';
import { deletePrefix, uniquePrefix } from './redis';
import { seedProjects } from './seed';
import { BOT_TOKEN, startSlack } from './slack';
import { type LoadTarget, trackCleanup } from './stack';

/** The pid groups of the bare pipeline, named apart from chatops' so a result never mixes them up. */
export const BARE_ROUTE = 'bare route';
export const BARE_WORKER = 'bare worker';

/**
 * The bare pipeline in a world of its own, built like a chatops stack: a database copied from the
 * migrated template and seeded the same way (the Integration row a Delivery needs, the endpoint's
 * token and signing secret), a fresh fake Slack, a queue prefix; then bench/src/bare's route and
 * worker processes (same NODE_OPTIONS as the services) in place of the gateway and the notifier.
 */
export async function startBareStack(label: string): Promise<LoadTarget> {
  const prefix = uniquePrefix(label);
  const database = await createBenchDatabase(label);
  const cleanups: (() => Promise<unknown>)[] = [() => database.drop(), () => deletePrefix(prefix)];
  const close = async () => {
    untrack();
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => console.error(`bench cleanup: ${String(error)}`));
    cleanups.length = 0;
  };
  const untrack = trackCleanup(close);
  try {
    const [endpoint] = await seedProjects(database.db, 1);
    const integration = await database.db.integration.findFirstOrThrow({ select: { id: true } });
    const slack = await startSlack({ channels: 1, latencyMs: 0 });
    cleanups.push(() => slack.stop());
    const routePort = await freePort();
    const route = await startNode('bare-route', resolve(__dirname, '../bare/bare-route.js'), routePort, {
      REDIS_URL: benchEnv.redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(routePort),
      TOKEN_SHA256: createHash('sha256').update(endpoint!.secret).digest('hex'),
      SIGNING_SECRET: endpoint!.signingSecret ?? '',
    });
    cleanups.push(() => route.stop());
    const workerPort = await freePort();
    const worker = await startNode('bare-worker', resolve(__dirname, '../bare/bare-worker.js'), workerPort, {
      REDIS_URL: benchEnv.redisUrl,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: database.url,
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_TOKEN: BOT_TOKEN,
      CHANNEL: endpoint!.channel,
      INTEGRATION_ID: integration.id,
      CONCURRENCY: String(benchEnv.deliveryConcurrency),
      PORT: String(workerPort),
    });
    cleanups.push(() => worker.stop());
    const redisPort = new URL(benchEnv.redisUrl).port || '6379';
    const postmaster = await postmasterPid();
    return {
      prefix,
      database,
      slack,
      endpoints: [endpoint!],
      gateway: route,
      // The bare route has no metrics: the load run's scrape of it gives nothing.
      gatewayOpsUrl: route.url,
      notifiers: [worker],
      pidGroups: () => ({
        [BARE_ROUTE]: () => [route.pid],
        [BARE_WORKER]: () => [worker.pid],
        redis: redisServerPids(redisPort),
        postgres: postgresPids(postmaster, database.name),
        'bench (load + fake Slack)': () => [process.pid],
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
