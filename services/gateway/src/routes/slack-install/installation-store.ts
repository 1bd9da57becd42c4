import { type Db, type OAuthSlackInstallOutcome, type SecretBox, storeOAuthSlackInstallation } from '@chatops/db';
import { manifestFacts, slackAppManifest, type SlackAppConfig } from '@chatops/slack-app';
import { type Installation, type InstallationQuery, type InstallationStore } from '@slack/oauth';
import { decodeInstallMetadata } from './install-metadata';

/** Whether an install into `teamId` waits for an administrator, under the app's install policy. */
export function requiresApproval(config: Pick<SlackAppConfig, 'installPolicy' | 'preApprovedTeamIds'>, teamId: string) {
  return config.installPolicy === 'approval' && !config.preApprovedTeamIds.includes(teamId);
}

/**
 * @slack/oauth's installation store over chatops' SlackInstallation rows: an install Slack
 * completed is stored with its bot token sealed, active or pending as the install policy says.
 * What became of it is kept per installation object for the page that follows.
 */
export class ChatopsInstallationStore implements InstallationStore {
  private readonly outcomes = new WeakMap<object, OAuthSlackInstallOutcome>();

  constructor(private readonly deps: { db: Db; box: SecretBox; config: SlackAppConfig; publicUrl: string }) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const { team, bot } = installation;
    if (!team || !bot)
      throw new Error('Slack answered without a workspace or a bot token: is the app missing its bot user?');
    const outcome = await storeOAuthSlackInstallation(this.deps.db, this.deps.box, {
      teamId: team.id,
      teamName: team.name ?? team.id,
      ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      ...(installation.appId ? { appId: installation.appId } : {}),
      botUserId: bot.userId,
      botToken: bot.token,
      scopes: bot.scopes,
      installedBy: installation.user.id,
      manifest: { ...manifestFacts(slackAppManifest(this.deps.publicUrl)) },
      requestMessage: decodeInstallMetadata(installation.metadata).message,
      requiresApproval: requiresApproval(this.deps.config, team.id),
    });
    this.outcomes.set(installation, outcome);
  }

  /** What storing `installation` came to (undefined if it was not stored here). */
  outcomeOf(installation: object): OAuthSlackInstallOutcome | undefined {
    return this.outcomes.get(installation);
  }

  /** Not used: chatops' services read installations from the database themselves. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    throw new Error(`installations are read from the database, not through @slack/oauth (${query.teamId ?? ''})`);
  }
}
