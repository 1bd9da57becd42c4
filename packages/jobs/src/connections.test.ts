import { Cluster, Redis } from 'ioredis';
import { createProducerConnection, createWorkerConnection } from './connections';

describe('Redis connections', () => {
  it('connect to one server by default', () => {
    const producer = createProducerConnection('redis://127.0.0.1:1');
    producer.on('error', () => undefined);
    producer.disconnect();
    expect(producer).toBeInstanceOf(Redis);
    expect(producer.options).toMatchObject({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // A Pipeline object per turn cost the gateway more than it batched (connections.ts).
      enableAutoPipelining: false,
    });
  });

  it('on a cluster, take credentials and TLS from the URL for every node, and the same limits per node', () => {
    const producer = createProducerConnection('rediss://chatops:p%40ss@127.0.0.1:1', { cluster: true });
    const worker = createWorkerConnection('redis://127.0.0.1:1', { cluster: true });
    for (const connection of [producer, worker]) {
      connection.on('error', () => undefined);
      connection.disconnect();
      expect(connection).toBeInstanceOf(Cluster);
    }
    expect((producer as Cluster).options).toMatchObject({
      enableOfflineQueue: false,
      enableAutoPipelining: false,
      redisOptions: { username: 'chatops', password: 'p@ss', tls: {}, maxRetriesPerRequest: 1, commandTimeout: 2000 },
    });
    // BullMQ's blocking commands need a worker connection that never gives up on a command.
    expect((worker as Cluster).options.redisOptions).toEqual({ maxRetriesPerRequest: null });
  });
});
