import { AccessLevel, FakeMattermost, FakeSlack } from '@chatops/testing';
import { DEMO, type DemoConfig, demoUrls } from '../config';
import { DemoGitLab } from './demo-gitlab';

/** An issue the fake GitLab holds from the start, so `/gitlab demo/project issue show 1` has something to show. */
const SEED_ISSUES = [
  {
    title: 'Checkout button stays disabled after a failed payment',
    description: 'After a declined card the button never comes back; a reload is the only way out.',
    labels: 'bug,checkout',
  },
  {
    title: 'Write down the release checklist',
    description: 'Tag, changelog, deploy to staging, smoke test, deploy to production.',
    labels: 'documentation',
  },
];

/**
 * The three fakes on the demo's fixed ports, filled with the demo's workspace, team and project:
 * what a newcomer's Slack, Mattermost and GitLab would hold.
 */
export class DemoWorld {
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
  readonly gitlab: DemoGitLab;

  constructor(private readonly config: DemoConfig) {
    const { ports } = config;
    this.slack = new FakeSlack({ port: ports.slack });
    this.mattermost = new FakeMattermost({ port: ports.mattermost });
    this.gitlab = new DemoGitLab(
      { port: ports.gitlab },
      DEMO.gitlab.path.split('/')[0] ?? 'demo',
      demoUrls(ports).viewer,
    );
  }

  async start(): Promise<void> {
    try {
      await Promise.all([this.slack.start(), this.mattermost.start(), this.gitlab.start()]);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.populateSlack();
    this.populateMattermost();
    await this.populateGitLab();
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.slack.stop(), this.mattermost.stop(), this.gitlab.stop()]);
  }

  /** Creates an issue through the fake GitLab's REST API, as the demo user; returns its iid. */
  async createIssue(input: { title: string; description: string; labels: string }): Promise<number> {
    const response = await fetch(`${this.gitlab.url}/api/v4/projects/${DEMO.gitlab.projectId}/issues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'private-token': DEMO.gitlab.users.alex.token },
      body: JSON.stringify(input),
    });
    if (response.status !== 201) throw new Error(`fake GitLab refused the issue: ${response.status}`);
    return ((await response.json()) as { iid: number }).iid;
  }

  private populateSlack(): void {
    const { slack } = DEMO;
    this.slack.addWorkspace({
      teamId: slack.teamId,
      teamName: slack.teamName,
      domain: slack.domain,
      botToken: slack.botToken,
      botUserId: slack.botUserId,
      users: [
        { id: slack.botUserId, name: 'gitlab', realName: slack.botName, isBot: true },
        { id: slack.you.id, name: slack.you.name, realName: slack.you.realName },
      ],
      channels: slack.channels.map((channel) => ({ ...channel })),
    });
  }

  private populateMattermost(): void {
    const { mattermost } = DEMO;
    const members = [mattermost.botUserId, mattermost.you.id];
    this.mattermost.addTeam({
      id: mattermost.teamId,
      name: mattermost.teamName,
      displayName: mattermost.teamDisplayName,
    });
    this.mattermost.addUser({
      id: mattermost.botUserId,
      username: mattermost.botName,
      token: mattermost.botToken,
      teamIds: [mattermost.teamId],
      isBot: true,
    });
    this.mattermost.addUser({ id: mattermost.you.id, username: mattermost.you.name, teamIds: [mattermost.teamId] });
    for (const channel of mattermost.channels)
      this.mattermost.addChannel({ ...channel, teamId: mattermost.teamId, type: 'O', members });
  }

  private async populateGitLab(): Promise<void> {
    const { gitlab } = DEMO;
    const { root, alex, sam } = gitlab.users;
    this.gitlab.addUser({ ...root, isAdmin: true });
    this.gitlab.addUser({ id: alex.id, username: alex.username, name: alex.name, tokens: [alex.token] });
    this.gitlab.addUser(sam);
    this.gitlab.addProject({
      id: gitlab.projectId,
      path_with_namespace: gitlab.path,
      name: gitlab.name,
      default_branch: gitlab.defaultBranch,
      visibility: 'private',
      members: { [root.id]: AccessLevel.Owner, [alex.id]: AccessLevel.Maintainer, [sam.id]: AccessLevel.Developer },
      branches: ['feature/checkout-retry'],
    });
    // A pipeline that deployed main to staging and waits for a manual production deploy, so
    // `/gitlab demo/project deploy staging to production` has something to play.
    const pipeline = this.gitlab.addPipeline(gitlab.projectId, { userId: alex.id, status: 'success' });
    this.gitlab.addJob(pipeline.id, {
      name: 'deploy-staging',
      stage: 'deploy',
      environment: 'staging',
      status: 'success',
    });
    this.gitlab.addJob(pipeline.id, {
      name: 'deploy-production',
      stage: 'deploy',
      environment: 'production',
      when: 'manual',
    });
    this.gitlab.addOAuthApplication({
      ...gitlab.oauth,
      // Account linking, and the operator console's sign-in (alex maintains demo/project).
      redirectUri: [
        `${this.config.gatewayUrl}/oauth/gitlab/callback`,
        `${this.config.gatewayUrl}/console/auth/callback`,
      ],
      scopes: ['api'],
    });
    // Whoever follows a "connect your GitLab account" link is signed in as the demo user and
    // approves at once, as after clicking "Authorize" on GitLab's consent page.
    this.gitlab.setBrowserUser(alex.id);
    for (const issue of SEED_ISSUES) await this.createIssue(issue);
  }
}
