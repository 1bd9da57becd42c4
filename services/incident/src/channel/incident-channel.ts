import {
  type ChatMessage,
  type ChatSenders,
  ChatProviderError,
  markdownLink,
  renderForDestination,
} from '@chatops/chat';
import { findSlackInstallationForTeam, type Incident, setIncidentChannel } from '@chatops/db';
import { type ApiIssue, type GitLabApi } from '@chatops/gitlab';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';

/** Slack channel names: lower case letters, digits, hyphens and underscores, at most 80 characters. */
const CHANNEL_NAME_MAX = 80;

/** `incident-<iid>-<title in lower case, words joined by hyphens>`, within Slack's rules. */
export function incidentChannelName(incident: Pick<ApiIssue, 'iid' | 'title'>): string {
  const slug = incident.title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `incident-${incident.iid}${slug ? `-${slug}` : ''}`.slice(0, CHANNEL_NAME_MAX).replace(/-+$/, '');
}

/**
 * The bot's first message in an incident's channel: the incident linked, its declarer mentioned
 * (the one mention chatops means; the title can mention no one), and what can be done there.
 */
export function incidentChannelAnnouncement(
  incident: Pick<ApiIssue, 'iid' | 'title' | 'web_url'>,
  declarerId: string,
): ChatMessage {
  const link = markdownLink(`#${incident.iid} ${incident.title}`, incident.web_url);
  return {
    text: `Incident ${link} was declared by <@${declarerId}>. Use \`/gitlab incident comment\`, \`timeline\` and \`close\` here to act on it.`,
    mentions: [declarerId],
  };
}

/** Where a Slack channel opens in a browser, whatever the workspace's domain. */
export function slackChannelUrl(teamId: string, channelId: string): string {
  return `https://app.slack.com/client/${teamId}/${channelId}`;
}

/**
 * A channel of its own for an incident declared from a Slack workspace that asks for one (its
 * installation's `incidentChannels`): created by the bot, the declarer invited, linked into the
 * incident with GitLab's `/link` quick action (a note as the declarer), announced in the channel,
 * and remembered, so the incident's notifications and follow-up commands find it. Never in the
 * way of the declaration itself: a failure is logged and the incident stands.
 */
export async function openIncidentChannel(
  deps: Pick<IncidentDeps, 'db' | 'box' | 'slack'> & { senders: ChatSenders },
  declared: { teamId: string; userId: string; projectId: number; record: Incident; incident: ApiIssue },
  gitlab: GitLabApi,
  log: Logger,
): Promise<string | null> {
  const installation = await findSlackInstallationForTeam(deps.db, declared.teamId);
  if (!installation?.incidentChannels) return null;
  const token = deps.box.open(installation.botTokenSealed);
  const { incident } = declared;
  try {
    const channel = await createUniqueChannel(deps, token, incidentChannelName(incident));
    await deps.slack.invite(token, channel.id, [declared.userId]);
    await setIncidentChannel(deps.db, declared.record.id, channel.id);
    const url = slackChannelUrl(declared.teamId, channel.id);
    await gitlab.createIssueNote(declared.projectId, incident.iid, `/link ${url} Dedicated Slack channel`);
    await deps.senders.post(
      { kind: 'slack_bot', channel: channel.id, credential: token },
      renderForDestination('slack_bot', incidentChannelAnnouncement(incident, declared.userId)),
    );
    return channel.id;
  } catch (error) {
    log.warn({ err: error, iid: incident.iid }, 'could not open the incident its own channel');
    return null;
  }
}

/** Creates the channel, with a numbered name when one of that name exists (a re-used iid, an old channel). */
async function createUniqueChannel(
  deps: Pick<IncidentDeps, 'slack'>,
  token: string,
  name: string,
): Promise<{ id: string; name: string }> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : `${name.slice(0, CHANNEL_NAME_MAX - 3)}-${n}`;
    try {
      return await deps.slack.createChannel(token, candidate);
    } catch (error) {
      if (n >= 5 || !(error instanceof ChatProviderError) || error.providerError !== 'name_taken') throw error;
    }
  }
}
