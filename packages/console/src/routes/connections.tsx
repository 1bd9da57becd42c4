import { type FastifyInstance } from 'fastify';
import { type MattermostCommand, type MattermostConnection, type SlackInstallation } from '../api-types';
import { contextOf } from '../context';
import { CONSOLE_PREFIX } from '../options';
import { when } from '../pages/forms';
import { Layout } from '../pages/layout';
import { sendPage } from '../render';
import { requireAdmin } from './require-admin';

/** Slack workspaces, Mattermost servers and their slash commands (administrators). */
export async function connectionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/connections', { preHandler: requireAdmin }, async (request, reply) => {
    const ctx = contextOf(request);
    const [slack, servers, commands] = await Promise.all([
      ctx.admin.get<{ items: SlackInstallation[] }>('/slack/installations'),
      ctx.admin.get<{ items: MattermostConnection[] }>('/mattermost/connections'),
      ctx.admin.get<{ items: MattermostCommand[] }>('/mattermost/commands'),
    ]);
    return sendPage(
      reply,
      <Layout title="Chat connections" chrome={ctx.chrome}>
        <section>
          <h2>Slack workspaces</h2>
          {slack.items.length === 0 ? (
            <p>No workspace has the chatops app installed.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Workspace</th>
                  <th scope="col">Bot user</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Installed</th>
                  <th scope="col">Incident channels</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {slack.items.map((i) => (
                  <tr>
                    <td>
                      {i.teamName || i.teamId} <code>{i.teamId}</code>
                    </td>
                    <td>
                      <code>{i.botUserId}</code>
                    </td>
                    <td>{i.scopes.join(', ')}</td>
                    <td>
                      {when(i.installedAt)}
                      {i.installedBy ? ` by ${i.installedBy}` : ''}
                    </td>
                    <td>{i.incidentChannels ? 'on' : 'off'}</td>
                    <td>{i.revokedAt ? `revoked ${when(i.revokedAt)}` : 'active'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h2>Mattermost servers</h2>
          {servers.items.length === 0 ? (
            <p>No Mattermost server is connected.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">URL</th>
                  <th scope="col">Bot</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {servers.items.map((c) => (
                  <tr>
                    <td>{c.name}</td>
                    <td>{c.url}</td>
                    <td>{c.hasBotToken ? 'bot token set' : 'webhooks only'}</td>
                    <td>{when(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h2>Mattermost slash commands</h2>
          {commands.items.length === 0 ? (
            <p>No Mattermost slash command points here.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Trigger</th>
                  <th scope="col">Team</th>
                  <th scope="col">Request URL</th>
                </tr>
              </thead>
              <tbody>
                {commands.items.map((c) => (
                  <tr>
                    <td>
                      <code>/{c.trigger.replace(/^\//, '')}</code>
                    </td>
                    <td>{c.teamId}</td>
                    <td>
                      <code>{c.requestUrl}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <p>
          <a href={`${CONSOLE_PREFIX}/mattermost`}>The shared Mattermost /gitlab command</a> (any project, by path or
          alias): Add to Mattermost, or by hand.
        </p>
        <p class="hint">
          Adding workspaces and servers is done with the CLI for now (<code>./chatops slack:install:add</code>,{' '}
          <code>./chatops mattermost:connection:add</code>); see docs/administration.md.
        </p>
      </Layout>,
    );
  });
}
