import { type SlackAppClient } from '@chatops/chat';
import { type Db, findChatIdentity, findSlackInstallationForTeam, type SecretBox } from '@chatops/db';
import { linkUrl, type LinkRequests } from '@chatops/identity';
import { appHomeBlocks } from '@chatops/slack-app';

export interface AppHomeDeps {
  db: Db;
  box: SecretBox;
  slack: Pick<SlackAppClient, 'publishHome'>;
  /** Account linking's links; null when GitLab OAuth is not configured (no connect button). */
  links: LinkRequests | null;
  publicUrl: string;
  /** GitLab's base URL: its help pages and users' profiles. */
  gitlabUrl: string;
}

/**
 * Publishes a user's App Home tab (GitLab's view) with their link state: connected to which GitLab
 * account, or a button with a fresh account-linking link. Nothing for a workspace without an active
 * installation (none, removed, or waiting for approval): the app does nothing there.
 */
export async function publishAppHome(deps: AppHomeDeps, teamId: string, userId: string): Promise<boolean> {
  const installation = await findSlackInstallationForTeam(deps.db, teamId);
  if (!installation) return false;
  const identity = await findChatIdentity(deps.db, { provider: 'slack', teamId, chatUserId: userId });
  const account = identity
    ? { username: identity.gitlabUsername, url: `${deps.gitlabUrl}/${identity.gitlabUsername}` }
    : null;
  const connectUrl =
    !account && deps.links
      ? linkUrl(deps.publicUrl, await deps.links.issue({ provider: 'slack', teamId, chatUserId: userId }))
      : null;
  const blocks = appHomeBlocks({ helpUrl: `${deps.gitlabUrl}/help`, account, connectUrl });
  await deps.slack.publishHome(deps.box.open(installation.botTokenSealed), userId, blocks);
  return true;
}
