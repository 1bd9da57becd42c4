import {
  createEndpoint,
  createIntegration,
  type Db,
  type Project,
  type ProjectInput,
  saveSlackInstallation,
  type SlackInstallation,
  SecretBox,
  upsertProject,
} from '@chatops/db';
import { TEST_ENCRYPTION_KEY } from './infra';

/**
 * The Diaspora project of GitLab's webhook fixtures (GitLab id 15), at the web URL of the admin
 * tests unless `fields` says otherwise.
 */
export function seedDiasporaProject(db: Db, fields: Partial<ProjectInput> = {}): Promise<Project> {
  return upsertProject(db, {
    gitlabProjectId: 15,
    pathWithNamespace: 'mike/diaspora',
    name: 'Diaspora',
    webUrl: 'https://gitlab.example.com/mike/diaspora',
    ...fields,
  });
}

/** The project of GitLab's merge request and incident fixtures (GitLab id 1, gitlabhq/gitlab-test). */
export function seedGitLabTestProject(db: Db): Promise<Project> {
  return upsertProject(db, {
    gitlabProjectId: 1,
    pathWithNamespace: 'gitlabhq/gitlab-test',
    name: 'Gitlab Test',
    webUrl: 'http://example.com/gitlabhq/gitlab-test',
  });
}

/** The Slack installation of team T1 ("Acme") that tests point integrations at; its bot posts with `botToken`. */
export function seedSlackInstallation(
  db: Db,
  box: SecretBox,
  { botToken, botUserId = 'UBOT' }: { botToken: string; botUserId?: string },
): Promise<SlackInstallation> {
  return saveSlackInstallation(db, box, {
    teamId: 'T1',
    teamName: 'Acme',
    botUserId,
    botToken,
    scopes: ['chat:write'],
  });
}

export interface SeededSlackIntegration {
  endpointId: string;
  secret: string;
  integrationId: string;
}

/**
 * The Diaspora project of GitLab's fixtures, a Slack installation and one integration posting the
 * given events to one channel (all branches, every pipeline), plus a webhook endpoint.
 */
export async function seedSlackIntegration(
  db: Db,
  options: { teamId: string; botToken: string; channel: string; events: string[]; threading?: boolean },
): Promise<SeededSlackIntegration> {
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  const project = await seedDiasporaProject(db, {
    webUrl: 'http://example.com/mike/diaspora',
    defaultBranch: 'master',
  });
  const installation = await saveSlackInstallation(db, box, {
    teamId: options.teamId,
    teamName: options.teamId,
    botUserId: 'UBOT',
    botToken: options.botToken,
    scopes: ['chat:write'],
  });
  const integration = await createIntegration(db, {
    projectId: project.id,
    name: `slack-${options.channel}`,
    destination: 'slack_bot',
    slackInstallationId: installation.id,
    defaultChannel: options.channel,
    branchesToBeNotified: 'all',
    notifyOnlyBrokenPipelines: false,
    threading: options.threading ?? true,
    routes: options.events.map((event) => ({ event })),
  });
  const { endpoint, secret } = await createEndpoint(db, { projectId: project.id });
  return { endpointId: endpoint.id, secret, integrationId: integration.id };
}

/** Posts a webhook to a running gateway as GitLab would. */
export function postWebhook(
  gatewayUrl: string,
  seeded: SeededSlackIntegration,
  eventName: string,
  payload: unknown,
  idempotencyKey?: string,
): Promise<Response> {
  return fetch(`${gatewayUrl}/hooks/gitlab/${seeded.endpointId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gitlab-token': seeded.secret,
      'x-gitlab-event': eventName,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(payload),
  });
}
