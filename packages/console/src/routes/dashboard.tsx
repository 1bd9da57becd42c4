import { type FastifyInstance } from 'fastify';
import { type Stats, type StatsWindow } from '../api-types';
import { contextOf } from '../context';
import { CONSOLE_PREFIX } from '../options';
import { Layout } from '../pages/layout';
import { sendPage } from '../render';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

function WindowCard({ label, window }: { label: string; window: StatsWindow }) {
  const d = window.deliveries;
  return (
    <div class="card">
      <h2>{label}</h2>
      <p class="big">{window.events}</p>
      <p>events</p>
      <dl>
        <dt>Delivered</dt>
        <dd>{d.sent}</dd>
        <dt>Failed</dt>
        <dd>{d.failed}</dd>
        <dt>Waiting</dt>
        <dd>{d.pending + d.sending}</dd>
        <dt>Filtered out</dt>
        <dd>{d.skipped}</dd>
        <dt>Success rate</dt>
        <dd>{percent(window.successRate)}</dd>
      </dl>
    </div>
  );
}

/** At a glance: events and deliveries in the last hour and day, queues, the slowest channels. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const ctx = contextOf(request);
    // A maintainer's figures cover their projects only; queues are the instance's.
    const projects = ctx.user.isAdmin ? null : await ctx.projects();
    const stats = await ctx.admin.get<Stats>(
      '/stats',
      projects ? { projectIds: projects.map((p) => p.id).join(',') || 'none' } : {},
    );
    return sendPage(
      reply,
      <Layout title="Dashboard" chrome={ctx.chrome}>
        {projects && (
          <p class="hint">
            Figures for the {projects.length} project{projects.length === 1 ? '' : 's'} you maintain.{' '}
            <a href={`${CONSOLE_PREFIX}/projects`}>Projects</a>
          </p>
        )}
        <div class="cards">
          <WindowCard label="Last hour" window={stats.windows.lastHour} />
          <WindowCard label="Last 24 hours" window={stats.windows.lastDay} />
        </div>
        <section>
          <h2>Queues</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Waiting</th>
                <th scope="col">Active</th>
                <th scope="col">Delayed (retries)</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {stats.queues.map((q) => (
                <tr>
                  <td>{q.name}</td>
                  <td>{q.waiting}</td>
                  <td>{q.active}</td>
                  <td>{q.delayed}</td>
                  <td>{q.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>Slowest channels (last 24 hours)</h2>
          {stats.slowestChannels.length === 0 ? (
            <p>No delivery in the last 24 hours.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Integration</th>
                  <th scope="col">Tries</th>
                  <th scope="col">p50</th>
                  <th scope="col">p95</th>
                  <th scope="col">max</th>
                </tr>
              </thead>
              <tbody>
                {stats.slowestChannels.map((c) => (
                  <tr>
                    <td>{c.channel}</td>
                    <td>
                      <a href={`${CONSOLE_PREFIX}/integrations/${c.integrationId}/deliveries`}>
                        {c.projectPath} · {c.integrationName}
                      </a>
                    </td>
                    <td>{c.deliveries}</td>
                    <td>{Math.round(c.p50Ms)} ms</td>
                    <td>{Math.round(c.p95Ms)} ms</td>
                    <td>{Math.round(c.maxMs)} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </Layout>,
    );
  });
}
