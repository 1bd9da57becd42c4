import { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Registry } from 'prom-client';

/** A dependency the service cannot work without; throws (or rejects) when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
  /**
   * false: a failure is reported (status `degraded`) but the process stays ready, because it can
   * still do its main work without this dependency. Taking every replica out of the load balancer
   * for a dependency they all share would turn a partial outage into a full one.
   */
  required?: boolean;
}

const CHECK_TIMEOUT_MS = 1500;

export interface OpsRoutesOptions {
  registry: Registry;
  checks: ReadinessCheck[];
  /**
   * `all` (an ops port, reachable in-cluster only): /healthz, /readyz with each failure's error
   * and /metrics. `probes` (a public port): /healthz and /readyz naming failing checks without
   * their errors (which can hold internal addresses), no /metrics.
   */
  expose?: 'all' | 'probes';
}

/**
 * `/healthz` (the process is up), `/readyz` (every required dependency answers) and `/metrics`
 * (Prometheus). Readiness failures answer 503 so a load balancer stops routing here.
 */
export const opsRoutesPlugin = fp(
  async (app: FastifyInstance, options: OpsRoutesOptions) => {
    const everything = (options.expose ?? 'all') === 'all';
    app.get('/healthz', async () => ({ status: 'ok' }));

    app.get('/readyz', async (_request, reply) => {
      const results = await Promise.all(options.checks.map(runCheck));
      const ready = results.every((r, i) => r.ok || options.checks[i]?.required === false);
      const status = !ready ? 'not_ready' : results.every((r) => r.ok) ? 'ready' : 'degraded';
      return reply.status(ready ? 200 : 503).send({
        status,
        checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : everything ? r.error : 'failing'])),
      });
    });

    if (!everything) return;
    app.get('/metrics', async (_request, reply) => {
      return reply.header('content-type', options.registry.contentType).send(await options.registry.metrics());
    });
  },
  { name: 'chatops-ops-routes' },
);

async function runCheck(check: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name: check.name, ok: true };
  } catch (error) {
    return { name: check.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
