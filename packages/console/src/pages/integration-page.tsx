import { EVENT_KINDS } from '@chatops/gitlab';
import { type FieldError } from '../admin-calls';
import { type MattermostConnection, type Project, type SlackInstallation, type TestReport } from '../api-types';
import { DESTINATIONS, type IntegrationFormValues, TRIGGERS } from '../integration-form';
import { CONSOLE_PREFIX } from '../options';
import { ActionButton, Csrf, Errors } from './forms';
import { Check, Choice, fieldMessage, Text } from './fields';
import { type Chrome, Layout } from './layout';

export interface IntegrationPageProps {
  chrome: Chrome;
  project: Project;
  /** Absent for a new integration. */
  integration?: { id: string; active: boolean } | undefined;
  values: IntegrationFormValues;
  installations: SlackInstallation[];
  connections: MattermostConnection[];
  error?: { message: string; fields: FieldError[] } | undefined;
  testReport?: TestReport | undefined;
}

/** GitLab's "Slack notifications" settings form, with chatops' destinations and Test settings. */
export function IntegrationPage(props: IntegrationPageProps) {
  const { values, project, integration, chrome } = props;
  const fields = props.error?.fields;
  const action = integration
    ? `${CONSOLE_PREFIX}/integrations/${integration.id}`
    : `${CONSOLE_PREFIX}/projects/${project.id}/integrations`;
  const title = integration ? `Integration ${values.name}` : `New integration for ${project.pathWithNamespace}`;
  return (
    <Layout title={title} chrome={chrome}>
      <p>
        <a href={`${CONSOLE_PREFIX}/projects/${project.id}`}>← {project.pathWithNamespace}</a>
        {integration && (
          <>
            {' · '}
            <a href={`${CONSOLE_PREFIX}/integrations/${integration.id}/deliveries`}>Deliveries</a>
          </>
        )}
      </p>
      <Errors message={props.error?.message} fields={fields} />
      {props.testReport && <TestResults report={props.testReport} />}
      <form method="post" action={action} class="settings" id="integration-form">
        <Csrf token={chrome.csrf} />
        <Text name="name" label="Name" value={values.name} error={fieldMessage(fields, 'name')} />
        <fieldset>
          <legend>Destination</legend>
          {DESTINATIONS.map((d) => (
            <div class="check">
              <input
                type="radio"
                id={`destination-${d.value}`}
                name="destination"
                value={d.value}
                checked={values.destination === d.value}
              />
              <label for={`destination-${d.value}`}>{d.label}</label>
            </div>
          ))}
          <Choice
            name="slackInstallationId"
            label="Slack workspace"
            value={values.slackInstallationId}
            options={[
              { value: '', label: '(choose a workspace)' },
              ...props.installations.map((i) => ({ value: i.id, label: `${i.teamName || i.teamId} (${i.teamId})` })),
            ]}
            error={fieldMessage(fields, 'slackInstallationId')}
          />
          <Choice
            name="mattermostConnectionId"
            label="Mattermost server"
            value={values.mattermostConnectionId}
            options={[
              { value: '', label: '(choose a server)' },
              ...props.connections.map((c) => ({ value: c.id, label: `${c.name} (${c.url})` })),
            ]}
            error={fieldMessage(fields, 'mattermostConnectionId')}
          />
          <Text
            name="webhookUrl"
            label="Incoming webhook URL"
            url
            value=""
            placeholder={
              values.hasWebhookUrl ? 'unchanged (stored encrypted, never shown)' : 'https://hooks.slack.com/services/…'
            }
            hint="For the webhook destinations only. It is a secret: stored encrypted and never shown again."
            error={fieldMessage(fields, 'webhookUrl')}
          />
        </fieldset>
        <fieldset>
          <legend>Trigger</legend>
          <p class="hint">
            Each trigger posts to its own channels (comma-separated, at most 10), or to the default channel when left
            empty.
          </p>
          {EVENT_KINDS.map((kind) => {
            const error = fieldMessage(fields, `events.${kind}`);
            return (
              <div class={error ? 'trigger invalid' : 'trigger'}>
                <div class="check">
                  <input
                    id={`event_${kind}`}
                    name={`event_${kind}`}
                    type="checkbox"
                    value="on"
                    checked={values.events[kind] !== undefined}
                  />
                  <label for={`event_${kind}`}>{TRIGGERS[kind].label}</label>
                  <small>{TRIGGERS[kind].help}</small>
                </div>
                <input
                  name={`channels_${kind}`}
                  aria-label={`${TRIGGERS[kind].label} channels`}
                  value={values.events[kind] ?? ''}
                  placeholder="#general, #dev"
                />
                {error && <small class="error">{error}</small>}
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Notification settings</legend>
          <Text
            name="defaultChannel"
            label="Default channel"
            value={values.defaultChannel}
            hint="Where triggers without channels of their own post."
            error={fieldMessage(fields, 'defaultChannel')}
          />
          <Text
            name="username"
            label="Username"
            value={values.username}
            hint="The name messages are posted under, where the chat allows it."
            error={fieldMessage(fields, 'username')}
          />
          <Check
            name="notifyOnlyBrokenPipelines"
            label="Notify only broken pipelines"
            checked={values.notifyOnlyBrokenPipelines}
          />
          <Check
            name="notifyOnlyWhenPipelineStatusChanges"
            label="Notify only when pipeline status changes"
            checked={values.notifyOnlyWhenPipelineStatusChanges}
          />
          <Check
            name="threading"
            label="Thread updates"
            checked={values.threading}
            hint="Updates of a merge request, issue or pipeline reply in the thread of its first message."
          />
          <Choice
            name="branchesToBeNotified"
            label="Branches for which notifications are to be sent"
            value={values.branchesToBeNotified}
            options={[
              { value: 'all', label: 'All branches' },
              { value: 'default', label: 'Default branch' },
              { value: 'protected', label: 'Protected branches' },
              { value: 'default_and_protected', label: 'Default branch and protected branches' },
            ]}
            error={fieldMessage(fields, 'branchesToBeNotified')}
          />
          <Text
            name="branchInclude"
            label="Also these branches (patterns, comma-separated)"
            value={values.branchInclude}
            error={fieldMessage(fields, 'branchInclude')}
          />
          <Text
            name="branchExclude"
            label="But never these branches"
            value={values.branchExclude}
            error={fieldMessage(fields, 'branchExclude')}
          />
          <Text
            name="labelsToBeNotified"
            label="Labels to be notified"
            value={values.labelsToBeNotified}
            hint="Leave blank to receive notifications for all events."
            error={fieldMessage(fields, 'labelsToBeNotified')}
          />
          <Choice
            name="labelsBehavior"
            label="Labels to be notified behavior"
            value={values.labelsBehavior}
            options={[
              { value: 'match_any', label: 'Match any of the labels' },
              { value: 'match_all', label: 'Match all of the labels' },
            ]}
            error={fieldMessage(fields, 'labelsBehavior')}
          />
          <Text
            name="labelsExclude"
            label="None of these labels"
            value={values.labelsExclude}
            error={fieldMessage(fields, 'labelsExclude')}
          />
          <Text
            name="confidentialChannels"
            label="Channels allowed confidential issues and notes"
            value={values.confidentialChannels}
            hint="Confidential events post only to channels listed here; empty: nowhere."
            error={fieldMessage(fields, 'confidentialChannels')}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{integration ? 'Save changes' : 'Create integration'}</button>
          {integration && (
            <button
              type="submit"
              class="secondary"
              formaction={`${CONSOLE_PREFIX}/integrations/${integration.id}/test`}
            >
              Save and test settings
            </button>
          )}
        </div>
      </form>
      {integration && (
        <section class="danger-zone">
          <h2>Status</h2>
          <p>This integration is {integration.active ? 'active' : 'inactive: nothing is posted'}.</p>
          <ActionButton
            action={`${CONSOLE_PREFIX}/integrations/${integration.id}/${integration.active ? 'disable' : 'enable'}`}
            csrf={chrome.csrf}
            label={integration.active ? 'Disable' : 'Enable'}
          />{' '}
          <a class="button danger" href={`${CONSOLE_PREFIX}/integrations/${integration.id}/delete`}>
            Delete…
          </a>
        </section>
      )}
    </Layout>
  );
}

function TestResults({ report }: { report: TestReport }) {
  return (
    <section class={report.ok ? 'test ok' : 'test failed'} role="status" aria-label="Test settings result">
      <h2>{report.ok ? 'Test message sent' : 'Test failed'}</h2>
      {report.message && <p>{report.message}</p>}
      <ul>
        {report.results.map((r) => (
          <li>
            {r.channel}: {r.ok ? 'posted' : `refused: ${r.error ?? 'unknown error'}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DeleteIntegrationPage(props: {
  chrome: Chrome;
  integration: { id: string; name: string };
  project: Project;
}) {
  return (
    <Layout title={`Delete integration ${props.integration.name}?`} chrome={props.chrome}>
      <p>
        This deletes the integration of {props.project.pathWithNamespace} and its delivery log. Nothing more is posted
        for it. This cannot be undone.
      </p>
      <ActionButton
        action={`${CONSOLE_PREFIX}/integrations/${props.integration.id}/delete`}
        csrf={props.chrome.csrf}
        label="Delete the integration"
        danger
      />{' '}
      <a href={`${CONSOLE_PREFIX}/integrations/${props.integration.id}`}>Cancel</a>
    </Layout>
  );
}
