import { type Db } from '../client';
import { type SlackInstallation } from '../generated/prisma/client';
import { type SecretBox } from '../secret-box';

export interface SlackInstallationInput {
  teamId: string;
  enterpriseId?: string;
  teamName: string;
  appId?: string;
  botUserId: string;
  botToken: string;
  scopes: string[];
  installedBy?: string;
}

/** Stores a workspace's installation; reinstalling replaces the bot token. */
export function saveSlackInstallation(
  db: Db,
  box: SecretBox,
  input: SlackInstallationInput,
): Promise<SlackInstallation> {
  const { botToken, ...rest } = input;
  const data = { ...rest, enterpriseId: input.enterpriseId ?? '', botTokenSealed: box.seal(botToken), revokedAt: null };
  return db.slackInstallation.upsert({
    where: { teamId_enterpriseId: { teamId: input.teamId, enterpriseId: data.enterpriseId } },
    create: data,
    update: data,
  });
}

/** The active installation serving a Slack workspace (an Enterprise Grid org-wide one counts too). */
export function findSlackInstallationForTeam(
  db: Db,
  teamId: string,
  enterpriseId?: string,
): Promise<SlackInstallation | null> {
  const scopes = [{ teamId }, ...(enterpriseId ? [{ enterpriseId }] : [])];
  return db.slackInstallation.findFirst({ where: { revokedAt: null, OR: scopes }, orderBy: { installedAt: 'desc' } });
}
