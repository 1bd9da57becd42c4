import { randomBytes } from 'node:crypto';
import { createProducerConnection, type RedisConnection } from '@chatops/jobs';
import { PrivateRedisCluster } from '@chatops/test-support/redis-cluster';
import { UnrecordedPosts } from './unrecorded-posts';

/**
 * chatops' own multi-key command: the notifier recalls several remembered posts with one MGET. On
 * a Redis Cluster that works only when all the keys share a slot, which the prefix's hash tag
 * ensures (docs/scale-out.md).
 */
describe('UnrecordedPosts on a Redis Cluster', () => {
  const cluster = new PrivateRedisCluster();
  let redis: RedisConnection;

  beforeAll(async () => {
    await cluster.start();
    redis = createProducerConnection(cluster.url, { cluster: true });
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
  }, 30_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster.stop();
  });

  const ids = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

  it('remembers, recalls several at once and forgets under a {tagged} prefix', async () => {
    const posts = new UnrecordedPosts(redis, `{chatops-test-${randomBytes(4).toString('hex')}}`);
    await Promise.all(ids.slice(0, 4).map((id) => posts.remember(id, `ts-${id}`)));
    expect(await posts.recall(ids)).toEqual(new Map(ids.slice(0, 4).map((id) => [id, `ts-${id}`])));
    await posts.forget('d1');
    expect([...(await posts.recall(ids)).keys()]).toEqual(['d2', 'd3', 'd4']);
  });

  it('cannot recall several at once under a prefix without a hash tag', async () => {
    const posts = new UnrecordedPosts(redis, `chatops-test-${randomBytes(4).toString('hex')}`);
    await expect(posts.recall(ids)).rejects.toThrow(/CROSSSLOT|same slot/);
  });
});
