import { type FieldError } from '../admin-calls';
import { type DoctorReport, type InstallRequest, type SlackApp } from '../api-types';
import { CONSOLE_PREFIX } from '../options';
import { Check, fieldMessage, Text } from './fields';
import { Csrf, Errors, when } from './forms';
import { type Chrome, Layout } from './layout';

const BASE = `${CONSOLE_PREFIX}/slack`;

function secretHint(state: SlackApp['signingSecret']): string {
  if (state.source === 'env') return 'set by the environment (it wins over a value stored here)';
  return state.set ? 'stored (encrypted); leave blank to keep it' : 'not set';
}

/** Seed 000's admin settings: create the app from the manifest, its credentials, who may install. */
export function SlackAppPage(props: {
  chrome: Chrome;
  app: SlackApp;
  shareUrl: string;
  requests: InstallRequest[];
  error?: { message: string; fields: FieldError[] } | undefined;
}) {
  const { app, chrome } = props;
  const fields = props.error?.fields;
  return (
    <Layout title="Slack app" chrome={chrome}>
      <Errors message={props.error?.message} fields={fields} />
      <section>
        <h2>1. Create the app in Slack</h2>
        <p>
          <a class="button" href={props.shareUrl} target="_blank" rel="noopener noreferrer">
            Create Slack app
          </a>{' '}
          <a class="button secondary" href={`${BASE}/manifest.json`}>
            Download latest manifest file
          </a>
        </p>
        <p class="hint">
          The manifest is generated from this chatops' PUBLIC_URL: its request URLs, OAuth redirect, events and the bot
          scopes chatops uses. After a chatops upgrade, <a href={`${BASE}/doctor`}>the checks</a> say whether the app
          needs the new manifest pasted in and a reinstall.
        </p>
      </section>
      <section>
        <h2>2. Its credentials, and who may install it</h2>
        <form method="post" action={BASE} class="settings">
          <Csrf token={chrome.csrf} />
          <Check name="enabled" label="Enable Slack app" checked={app.enabled} />
          <Text
            name="clientId"
            label="Client ID"
            value={app.clientId.value ?? ''}
            hint={app.clientId.source === 'env' ? 'set by the environment' : 'Basic Information › App Credentials'}
            error={fieldMessage(fields, 'clientId')}
          />
          <Text
            name="clientSecret"
            label="Client secret"
            value=""
            hint={secretHint(app.clientSecret)}
            error={fieldMessage(fields, 'clientSecret')}
          />
          <Text
            name="signingSecret"
            label="Signing secret"
            value=""
            hint={secretHint(app.signingSecret)}
            error={fieldMessage(fields, 'signingSecret')}
          />
          <Text
            name="verificationToken"
            label="Verification token (optional)"
            value=""
            hint={secretHint(app.verificationToken)}
            error={fieldMessage(fields, 'verificationToken')}
          />
          <fieldset>
            <legend>Who may install</legend>
            {(
              [
                ['approval', 'Approval: listed workspaces at once, others wait for an administrator'],
                ['open', 'Open: any workspace that installs is served'],
              ] as const
            ).map(([value, label]) => (
              <div class="check">
                <input
                  type="radio"
                  id={`policy-${value}`}
                  name="installPolicy"
                  value={value}
                  checked={app.installPolicy === value}
                />
                <label for={`policy-${value}`}>{label}</label>
              </div>
            ))}
            <Text
              name="preApprovedTeamIds"
              label="Pre-approved workspaces (team ids, comma-separated)"
              value={app.preApprovedTeamIds.join(', ')}
              error={fieldMessage(fields, 'preApprovedTeamIds')}
            />
            <Text
              name="approvalLink"
              label="Approval link shown on the install page (optional)"
              value={app.approvalLink ?? ''}
              error={fieldMessage(fields, 'approvalLink')}
            />
          </fieldset>
          <button type="submit">Save</button>
        </form>
      </section>
      <section>
        <h2>3. Install</h2>
        <p>
          Workspace administrators install from{' '}
          <a href={app.installUrl}>
            <code>{app.installUrl}</code>
          </a>{' '}
          (Add to Slack), as often as there are workspaces; installing again updates the installation.
        </p>
      </section>
      <section>
        <h2>Install requests</h2>
        {props.requests.length === 0 ? (
          <p>No workspace is waiting for approval.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Asked by</th>
                <th scope="col">Why</th>
                <th scope="col">When</th>
                <th scope="col">Decide</th>
              </tr>
            </thead>
            <tbody>
              {props.requests.map((r) => (
                <tr>
                  <td>
                    {r.teamName} <code>{r.teamId}</code>
                  </td>
                  <td>
                    <code>{r.requestedBy}</code>
                  </td>
                  <td>{r.message}</td>
                  <td>{when(r.createdAt)}</td>
                  <td>
                    <form method="post" action={`${BASE}/requests/${r.id}/decide`} class="settings">
                      <Csrf token={chrome.csrf} />
                      <label for={`note-${r.id}`}>Note to the installer</label>
                      <input id={`note-${r.id}`} name="note" />
                      <div class="row-actions">
                        <button type="submit" name="decision" value="approve">
                          Approve
                        </button>
                        <button type="submit" name="decision" value="deny" class="danger">
                          Deny
                        </button>
                      </div>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

const ICON = { ok: '✔', warn: '⚠', fail: '✖' } as const;

/** `chatops doctor`, as the gateway sees its settings. */
export function DoctorPage({ chrome, report }: { chrome: Chrome; report: DoctorReport }) {
  return (
    <Layout title="Slack app checks" chrome={chrome}>
      <p>
        <a href={BASE}>← Slack app</a>
      </p>
      <p class={report.ok ? 'notice' : 'errors'} role="status">
        {report.ok ? 'Everything Slack needs is in place.' : 'Something needs fixing: see below.'}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Result</th>
            <th scope="col">What to do</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((c) => (
            <tr class={`check-${c.status}`}>
              <td>
                <code>{c.id}</code>
              </td>
              <td>
                <span aria-label={c.status}>{ICON[c.status]}</span> {c.summary}
              </td>
              <td>{c.fix ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.notes.length > 0 && (
        <ul>
          {report.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
