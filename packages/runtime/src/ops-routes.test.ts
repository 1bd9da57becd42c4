import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { opsRoutesPlugin, type ReadinessCheck } from './ops-routes';

const ok = (name: string, required?: boolean): ReadinessCheck => ({ name, check: async () => {}, required });
const failing = (name: string, required?: boolean): ReadinessCheck => ({
  name,
  check: async () => {
    throw new Error(`${name} refused`);
  },
  required,
});

async function readiness(checks: ReadinessCheck[], expose: 'all' | 'probes' = 'all') {
  const app = Fastify();
  await app.register(opsRoutesPlugin, { registry: new Registry(), checks, expose });
  const response = await app.inject({ method: 'GET', url: '/readyz' });
  await app.close();
  return { statusCode: response.statusCode, body: response.json() };
}

describe('/readyz', () => {
  it('is ready when every check passes', async () => {
    expect(await readiness([ok('redis'), ok('postgres')])).toEqual({
      statusCode: 200,
      body: { status: 'ready', checks: { redis: 'ok', postgres: 'ok' } },
    });
  });

  it('is not ready (503) when a required check fails, naming the error on the ops port only', async () => {
    expect(await readiness([failing('redis'), ok('postgres')])).toEqual({
      statusCode: 503,
      body: { status: 'not_ready', checks: { redis: 'redis refused', postgres: 'ok' } },
    });
    expect((await readiness([failing('redis')], 'probes')).body.checks).toEqual({ redis: 'failing' });
  });

  it('stays ready, saying degraded, when only a check that is not required fails', async () => {
    expect(await readiness([ok('redis'), failing('postgres', false)])).toEqual({
      statusCode: 200,
      body: { status: 'degraded', checks: { redis: 'ok', postgres: 'postgres refused' } },
    });
    expect((await readiness([failing('redis'), failing('postgres', false)])).statusCode).toBe(503);
  });
});
