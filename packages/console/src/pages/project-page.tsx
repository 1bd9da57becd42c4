import { type Alias, type CreatedEndpoint, type Endpoint, type Integration, type Project } from '../api-types';
import { type EndpointHealth } from '../endpoint-health';
import { TRIGGERS } from '../integration-form';
import { CONSOLE_PREFIX } from '../options';
import { ActionButton, Csrf, when } from './forms';
import { type Chrome, Layout } from './layout';

export interface EndpointRow {
  endpoint: Endpoint;
  health: EndpointHealth;
  /** GitLab's hook for this URL: its id, or why it could not be asked. */
  gitlabHook: { id: number } | null | 'unknown';
}

export interface ProjectPageProps {
  chrome: Chrome;
  project: Project;
  integrations: Integration[];
  endpoints: EndpointRow[];
  aliases: Alias[];
  gitlabProblem?: string | undefined;
}

const triggerNames = (integration: Integration) =>
  Object.keys(integration.events)
    .map((kind) => TRIGGERS[kind as keyof typeof TRIGGERS]?.label ?? kind)
    .join(', ') || 'none';

export function ProjectPage({ chrome, project, integrations, endpoints, aliases, gitlabProblem }: ProjectPageProps) {
  const base = `${CONSOLE_PREFIX}/projects/${project.id}`;
  return (
    <Layout title={project.pathWithNamespace} chrome={chrome}>
      <p>
        <a href={project.webUrl}>{project.webUrl}</a> · default branch <code>{project.defaultBranch}</code>
      </p>
      <section>
        <h2>Integrations</h2>
        {integrations.length === 0 ? (
          <p>No integration yet: nothing is posted to chat for this project.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Destination</th>
                <th scope="col">Triggers</th>
                <th scope="col">Status</th>
                <th scope="col">Log</th>
              </tr>
            </thead>
            <tbody>
              {integrations.map((i) => (
                <tr>
                  <td>
                    <a href={`${CONSOLE_PREFIX}/integrations/${i.id}`}>{i.name}</a>
                  </td>
                  <td>{i.destination.replace('_', ' ')}</td>
                  <td>{triggerNames(i)}</td>
                  <td>{i.active ? 'active' : 'inactive'}</td>
                  <td>
                    <a href={`${CONSOLE_PREFIX}/integrations/${i.id}/deliveries`}>Deliveries</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a class="button" href={`${base}/integrations/new`}>
            New integration
          </a>
        </p>
      </section>
      <section>
        <h2>Webhook endpoints</h2>
        {gitlabProblem && <p class="warning">Could not ask GitLab for the project's hooks: {gitlabProblem}</p>}
        {endpoints.length === 0 ? (
          <p>No endpoint yet: GitLab has nowhere to send this project's events.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Last event</th>
                <th scope="col">Health</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map(({ endpoint, health, gitlabHook }) => (
                <tr class={`health-${health.level}`}>
                  <td>
                    <code>{endpoint.url}</code>
                    <br />
                    <small>
                      {endpoint.scope} endpoint{endpoint.signed ? ', signed' : ''}
                      {endpoint.description ? ` · ${endpoint.description}` : ''}
                      {gitlabHook && gitlabHook !== 'unknown' ? ` · GitLab hook #${gitlabHook.id}` : ''}
                    </small>
                  </td>
                  <td>{when(endpoint.lastEventAt)}</td>
                  <td>
                    {health.notes.length === 0 ? (
                      'OK'
                    ) : (
                      <ul class="notes">
                        {health.notes.map((note) => (
                          <li>{note}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <div class="row-actions">
                      {endpoint.scope === 'project' && (
                        <form
                          method="post"
                          action={`${CONSOLE_PREFIX}/endpoints/${endpoint.id}/gitlab-hook`}
                          class="inline"
                        >
                          <Csrf token={chrome.csrf} />
                          <input type="hidden" name="rotate" value="on" />
                          <button type="submit" class="secondary">
                            {gitlabHook && gitlabHook !== 'unknown' ? 'Update in GitLab' : 'Create in GitLab'} (new
                            token)
                          </button>
                        </form>
                      )}
                      <ActionButton
                        action={`${CONSOLE_PREFIX}/endpoints/${endpoint.id}/${endpoint.disabledAt ? 'enable' : 'disable'}`}
                        csrf={chrome.csrf}
                        label={endpoint.disabledAt ? 'Enable' : 'Disable'}
                      />
                      <a class="button danger" href={`${CONSOLE_PREFIX}/endpoints/${endpoint.id}/delete`}>
                        Delete…
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={`${base}/endpoints`} class="row">
          <Csrf token={chrome.csrf} />
          <label for="description">Description</label>
          <input id="description" name="description" placeholder="e.g. main project hook" />
          <div class="check">
            <input id="signing" name="signing" type="checkbox" value="on" />
            <label for="signing">Also a signing token (signed webhooks)</label>
          </div>
          <button type="submit">Create an endpoint</button>
        </form>
      </section>
      <section>
        <h2>Slash commands</h2>
        <p>
          Slack: <code>/gitlab {project.pathWithNamespace} help</code> works once the workspace has the chatops app.
          Mattermost: <a href={`${base}/mattermost`}>a slash command for this project</a> (Add to Mattermost, or by hand
          with GitLab's values).
        </p>
      </section>
      <section>
        <h2>Aliases</h2>
        <p class="hint">
          Short names for slash commands: <code>/gitlab &lt;alias&gt; issue show 1</code>.
        </p>
        <ul>
          {aliases.map((a) => (
            <li>
              <code>{a.alias}</code>{' '}
              <ActionButton
                action={`${base}/aliases/${encodeURIComponent(a.alias)}/delete`}
                csrf={chrome.csrf}
                label="Remove"
              />
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/aliases`} class="row">
          <Csrf token={chrome.csrf} />
          <label for="alias">New alias</label>
          <input id="alias" name="alias" required />
          <button type="submit" class="secondary">
            Add alias
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The one time the secret token is shown: copy buttons, and registering it in GitLab for you. */
export function EndpointCreatedPage(props: { chrome: Chrome; project: Project; created: CreatedEndpoint }) {
  const { created, chrome } = props;
  return (
    <Layout title="Endpoint created" chrome={chrome}>
      <p class="warning">The secret token is shown once. Copy it now, or let chatops register the hook in GitLab.</p>
      <dl class="secrets">
        <dt>URL</dt>
        <dd>
          <code id="endpoint-url">{created.url}</code>{' '}
          <button type="button" class="secondary copy" data-copy="endpoint-url">
            Copy
          </button>
        </dd>
        <dt>Secret token</dt>
        <dd>
          <code id="endpoint-secret">{created.secret}</code>{' '}
          <button type="button" class="secondary copy" data-copy="endpoint-secret">
            Copy
          </button>
        </dd>
        {created.signingSecret && (
          <>
            <dt>Signing token</dt>
            <dd>
              <code id="endpoint-signing">{created.signingSecret}</code>{' '}
              <button type="button" class="secondary copy" data-copy="endpoint-signing">
                Copy
              </button>
            </dd>
          </>
        )}
      </dl>
      <form method="post" action={`${CONSOLE_PREFIX}/endpoints/${created.id}/gitlab-hook`}>
        <Csrf token={chrome.csrf} />
        <button type="submit">Create the webhook in GitLab</button>
        <p class="hint">
          Registers this URL and token on {props.project.pathWithNamespace} as you, with exactly the events its
          integrations route.
        </p>
      </form>
      <p>
        <a href={`${CONSOLE_PREFIX}/projects/${props.project.id}`}>Back to {props.project.pathWithNamespace}</a>
      </p>
    </Layout>
  );
}

export function DeleteEndpointPage(props: { chrome: Chrome; project: Project; endpoint: Endpoint }) {
  return (
    <Layout title="Delete this endpoint?" chrome={props.chrome}>
      <p>
        GitLab's calls to <code>{props.endpoint.url}</code> will get 404 within 5 seconds. Its deliveries stay in the
        log. Remove the hook in GitLab too.
      </p>
      <ActionButton
        action={`${CONSOLE_PREFIX}/endpoints/${props.endpoint.id}/delete`}
        csrf={props.chrome.csrf}
        label="Delete the endpoint"
        danger
      />{' '}
      <a href={`${CONSOLE_PREFIX}/projects/${props.project.id}`}>Cancel</a>
    </Layout>
  );
}
