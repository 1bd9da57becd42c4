import { type FieldError } from '../admin-calls';
import {
  type CommandSuggestion,
  type MattermostCommand,
  type MattermostConnection,
  type MattermostTeam,
  type Project,
} from '../api-types';
import { CONSOLE_PREFIX } from '../options';
import { ActionButton, Csrf, Errors } from './forms';
import { type Chrome, Layout } from './layout';

export interface ConnectionTeams {
  connection: MattermostConnection;
  /** The teams its token sees, or why Mattermost could not be asked. */
  teams: MattermostTeam[] | string;
}

export interface MattermostPageProps {
  chrome: Chrome;
  /** The project the command serves; null for the shared `/gitlab` command that takes a project path or alias. */
  project: Project | null;
  suggestion: CommandSuggestion;
  servers: ConnectionTeams[];
  commands: MattermostCommand[];
  error?: { message: string; fields: FieldError[] } | undefined;
}

/** Mattermost's form labels, GitLab's suggested values (seed 003). */
const FORM_VALUES: [string, (s: CommandSuggestion) => string][] = [
  ['Title', (s) => s.displayName],
  ['Description', (s) => s.description],
  ['Command Trigger Word', (s) => s.trigger],
  ['Request URL', (s) => s.requestUrl],
  ['Request Method', (s) => s.requestMethod],
  ['Response Username', (s) => s.responseUsername],
  ['Response Icon', (s) => s.responseIconUrl],
  ['Autocomplete', () => 'on'],
  ['Autocomplete Hint', (s) => s.autocompleteHint],
  ['Autocomplete Description', (s) => s.autocompleteDescription],
];

/** The slash command for a project (or the shared one): Add to Mattermost, or by hand with GitLab's values. */
export function MattermostPage(props: MattermostPageProps) {
  const { chrome, project, suggestion } = props;
  const base = project ? `${CONSOLE_PREFIX}/projects/${project.id}/mattermost` : `${CONSOLE_PREFIX}/mattermost`;
  const title = project ? `Mattermost slash command for ${project.pathWithNamespace}` : 'Mattermost /gitlab command';
  return (
    <Layout title={title} chrome={chrome}>
      {project && (
        <p>
          <a href={`${CONSOLE_PREFIX}/projects/${project.id}`}>← {project.pathWithNamespace}</a>
        </p>
      )}
      <Errors message={props.error?.message} fields={props.error?.fields} />
      <section>
        <h2>Commands in place</h2>
        {props.commands.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Trigger</th>
                <th scope="col">Server</th>
                <th scope="col">Team</th>
                <th scope="col">Made</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {props.commands.map((c) => (
                <tr>
                  <td>
                    <code>/{c.trigger}</code>
                  </td>
                  <td>
                    {props.servers.find((s) => s.connection.id === c.connectionId)?.connection.name ?? c.connectionId}
                  </td>
                  <td>{c.teamId}</td>
                  <td>{c.remoteId ? 'by chatops' : 'by hand'}</td>
                  <td>
                    <ActionButton
                      action={`${base}/commands/${c.id}/delete`}
                      csrf={chrome.csrf}
                      label={c.remoteId ? 'Remove (here and in Mattermost)' : 'Remove'}
                      danger
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Add to Mattermost</h2>
        <p class="hint">
          chatops creates the command in the team with the values below, using the server connection's token (an
          administrator's personal access token, or a bot allowed to manage slash commands).
        </p>
        {props.servers.length === 0 && <p>No Mattermost server is connected yet (administrators add them).</p>}
        {props.servers.map(({ connection, teams }) => (
          <div class="card">
            <h3>
              {connection.name} <small>{connection.url}</small>
            </h3>
            {typeof teams === 'string' ? (
              <p class="warning">Could not list its teams: {teams}</p>
            ) : teams.length === 0 ? (
              <p>Its token belongs to no team.</p>
            ) : (
              <ul class="results">
                {teams.map((team) => (
                  <li>
                    <span>
                      <strong>{team.displayName}</strong> <code>{team.name}</code>
                    </span>
                    <form method="post" action={`${base}/create`} class="inline">
                      <Csrf token={chrome.csrf} />
                      <input type="hidden" name="connectionId" value={connection.id} />
                      <input type="hidden" name="teamId" value={team.id} />
                      <button type="submit" aria-label={`Add to Mattermost in ${team.displayName}`}>
                        Add to Mattermost
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <section>
        <h2>By hand</h2>
        <p>
          In Mattermost, <strong>Integrations › Slash Commands › Add Slash Command</strong>, with these values:
        </p>
        <dl class="secrets">
          {FORM_VALUES.map(([label, value], i) => (
            <>
              <dt>{label}</dt>
              <dd>
                <code id={`suggested-${i}`}>{value(suggestion)}</code>{' '}
                <button type="button" class="secondary copy" data-copy={`suggested-${i}`}>
                  Copy
                </button>
              </dd>
            </>
          ))}
        </dl>
        <p>Then give chatops the token Mattermost shows after saving:</p>
        <form method="post" action={`${base}/register`} class="settings">
          <Csrf token={chrome.csrf} />
          <div class="field">
            <label for="connectionId">Mattermost server</label>
            <select id="connectionId" name="connectionId">
              {props.servers.map(({ connection }) => (
                <option value={connection.id}>{connection.name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="teamId">Team id</label>
            <input id="teamId" name="teamId" required />
          </div>
          <div class="field">
            <label for="trigger">Trigger word</label>
            <input id="trigger" name="trigger" value={suggestion.trigger} required />
          </div>
          <div class="field">
            <label for="token">Token</label>
            <input id="token" name="token" required autocomplete="off" />
          </div>
          <button type="submit">Register the command</button>
        </form>
      </section>
    </Layout>
  );
}
