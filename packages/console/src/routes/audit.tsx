import { type FastifyInstance } from 'fastify';
import { type AuditEntry, type Page } from '../api-types';
import { contextOf } from '../context';
import { CONSOLE_PREFIX } from '../options';
import { when } from '../pages/forms';
import { Layout } from '../pages/layout';
import { sendPage } from '../render';
import { requireAdmin } from './require-admin';

type Query = Record<string, string | undefined>;
const clean = (value: string | undefined) => (value ?? '').trim().slice(0, 200);

/** Who changed what, when: the admin API's audit log, newest first, filtered by actor or target. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Query }>('/audit', { preHandler: requireAdmin }, async (request, reply) => {
    const ctx = contextOf(request);
    const actor = clean(request.query.actor);
    const target = clean(request.query.target);
    const page = await ctx.admin.get<Page<AuditEntry>>('/audit', {
      actor,
      target,
      cursor: request.query.cursor,
      limit: 100,
    });
    const filters = new URLSearchParams({ actor, target });
    return sendPage(
      reply,
      <Layout title="Audit log" chrome={ctx.chrome}>
        <form method="get" action={`${CONSOLE_PREFIX}/audit`} class="row">
          <label for="actor">Who</label>
          <input id="actor" name="actor" value={actor} placeholder="gitlab:alice" />
          <label for="target">What (starts with)</label>
          <input id="target" name="target" value={target} />
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        {page.items.length === 0 ? (
          <p>No change recorded{actor || target ? ' that matches' : ''}.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Did</th>
                <th scope="col">To</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr>
                  <td>{when(e.createdAt)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>
                    <code>{e.target}</code>
                  </td>
                  <td>
                    <code class="details">{JSON.stringify(e.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.nextCursor && (
          <p>
            <a href={`${CONSOLE_PREFIX}/audit?${filters.toString()}&cursor=${encodeURIComponent(page.nextCursor)}`}>
              Older →
            </a>
          </p>
        )}
      </Layout>,
    );
  });
}
