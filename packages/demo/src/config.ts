/**
 * Everything the demo world is made of: fixed ids, names and demo-only credentials, so the fakes,
 * the seeding and the services agree without passing anything around. None of these secrets
 * protects anything: they exist only inside the local fakes.
 */
export const DEMO = {
  slack: {
    teamId: 'T0DEMO0001',
    teamName: 'Acme',
    domain: 'acme',
    botToken: 'xoxb-demo-0000000000-not-a-real-token',
    botUserId: 'U0DEMOBOT1',
    botName: 'GitLab',
    signingSecret: 'demo-slack-signing-secret-not-for-production',
    channels: [
      { id: 'C0DEMODEV1', name: 'dev' },
      { id: 'C0DEMOCI01', name: 'ci' },
    ],
    you: { id: 'U0DEMOALEX', name: 'alex', realName: 'Alex Rivera' },
  },
  mattermost: {
    teamId: 'demoteamacme00000000000000',
    teamName: 'acme',
    teamDisplayName: 'Acme',
    botUserId: 'demobotgitlab0000000000000',
    botName: 'gitlab',
    botToken: 'demo-mattermost-bot-token-not-real',
    commandToken: 'demo-mattermost-command-token-not-real',
    channels: [
      { id: 'demochanneldev00000000000a', name: 'dev' },
      { id: 'demochannelci000000000000a', name: 'ci' },
    ],
    you: { id: 'demouseralex00000000000000', name: 'alex' },
  },
  gitlab: {
    projectId: 42,
    path: 'demo/project',
    name: 'Demo Project',
    alias: 'demo',
    defaultBranch: 'main',
    oauth: { clientId: 'chatops-demo', clientSecret: 'gloas-demo-secret-not-for-production' },
    users: {
      root: { id: 1, username: 'root', name: 'Administrator' },
      alex: { id: 2, username: 'alex', name: 'Alex Rivera', token: 'glpat-demo-alex-not-real' },
      sam: { id: 3, username: 'sam', name: 'Sam Lee' },
    },
  },
  /** Names of what the seeding creates, so running it again finds them. */
  names: {
    slackIntegration: 'demo-slack',
    mattermostIntegration: 'demo-mattermost',
    mattermostConnection: 'demo-mattermost',
    trigger: 'gitlab',
  },
} as const;

export type Platform = 'slack' | 'mattermost';

/** Where the demo's own servers listen (all on 127.0.0.1). */
export interface DemoPorts {
  viewer: number;
  slack: number;
  mattermost: number;
  gitlab: number;
}

export const DEFAULT_PORTS: DemoPorts = { viewer: 3010, slack: 3011, mattermost: 3012, gitlab: 3013 };

export interface DemoConfig {
  ports: DemoPorts;
  /** Where browsers, the fakes and the demo reach the gateway (its PUBLIC_URL). */
  gatewayUrl: string;
}

/** The base URLs of the demo's servers. */
export function demoUrls(ports: DemoPorts): Record<keyof DemoPorts, string> {
  const url = (port: number) => `http://127.0.0.1:${port}`;
  return {
    viewer: url(ports.viewer),
    slack: url(ports.slack),
    mattermost: url(ports.mattermost),
    gitlab: url(ports.gitlab),
  };
}

/**
 * The fakes listen on loopback, which chatops refuses as a webhook or Mattermost server target by
 * default: the demo's services and its operator CLI (which checks the Mattermost connection URL)
 * let it through explicitly.
 */
export const DEMO_OUTBOUND_ALLOWED_HOSTS = '127.0.0.1';

/**
 * What the chatops services need to work against the fakes: Slack's Web API, GitLab (API and OAuth
 * for account linking), the Slack signing secret the viewer signs commands with, the fake Slack as
 * an allowed response_url origin, and loopback as an allowed outbound target (the fake Mattermost's
 * server URL). Mattermost's response URLs need nothing: they are on the connection's own origin.
 */
export function demoServiceEnv(ports: DemoPorts): Record<string, string> {
  const urls = demoUrls(ports);
  return {
    OUTBOUND_ALLOWED_HOSTS: DEMO_OUTBOUND_ALLOWED_HOSTS,
    SLACK_API_URL: `${urls.slack}/api`,
    GITLAB_URL: urls.gitlab,
    GITLAB_OAUTH_CLIENT_ID: DEMO.gitlab.oauth.clientId,
    GITLAB_OAUTH_CLIENT_SECRET: DEMO.gitlab.oauth.clientSecret,
    SLACK_SIGNING_SECRET: DEMO.slack.signingSecret,
    SLACK_RESPONSE_URL_ORIGINS: urls.slack,
  };
}
