import { type ChatProviderError, SlackAppClient, SlackBotSender } from '@chatops/chat';
import {
  type Db,
  decideInstallRequest,
  type InstallDecision,
  type InstallRequestWithInstallation,
  type SecretBox,
} from '@chatops/db';

/** What deciding needs of Slack: a direct message with the bot's token, and giving a token up. */
export interface DecisionSlack {
  postMessage(token: string, channel: string, body: { text: string }): Promise<unknown>;
  revokeToken(token: string): Promise<void>;
}

/** The Web API clients deciding uses, on `slackApiUrl`. */
export function decisionSlack(slackApiUrl: string): DecisionSlack {
  const bot = new SlackBotSender({ slackApiUrl });
  const app = new SlackAppClient({ slackApiUrl });
  return {
    postMessage: (token, channel, body) => bot.postMessage(token, channel, body),
    revokeToken: (token) => app.revokeToken(token),
  };
}

/** Slack mrkdwn treats `&`, `<` and `>` as control characters. */
const escapeMrkdwn = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The direct message the installer gets: the decision, and the administrator's note if any. */
export function decisionMessage(approved: boolean, teamName: string, note: string | null): string {
  const team = escapeMrkdwn(teamName);
  const noted = note ? `\n>${escapeMrkdwn(note).replace(/\n/g, '\n>')}` : '';
  return approved
    ? `:white_check_mark: Your request to add the GitLab app to ${team} was approved by a chatops administrator.${noted}\nType \`/gitlab help\` in a channel to get started.`
    : `:no_entry: Your request to add the GitLab app to ${team} was denied by a chatops administrator, and the app was removed from the workspace.${noted}`;
}

/** A decision taken, and what became of telling the installer and (denied) of revoking the token. */
export type InstallDecisionResult =
  | Exclude<InstallDecision, { kind: 'approved' | 'denied' }>
  | {
      kind: 'approved' | 'denied';
      request: InstallRequestWithInstallation;
      /** Whether the installer got the direct message; `notifyError` is Slack's error otherwise. */
      notified: boolean;
      notifyError: string | null;
      /** Denied: whether Slack revoked the bot token (null when approved). */
      tokenRevoked: boolean | null;
    };

const slackErrorOf = (error: unknown) =>
  (error as Partial<ChatProviderError>).providerError ?? (error instanceof Error ? error.message : String(error));

/**
 * Approves or denies an install request (seed 004's approval process). The decision is stored first
 * (it stands whatever Slack answers next); then the installer hears of it from the bot in a direct
 * message in their workspace, and a denied installation's bot token is revoked at Slack (the row
 * is gone already: chatops cannot use it any more either way).
 */
export async function decideSlackInstall(
  deps: { db: Db; box: SecretBox; slack: DecisionSlack },
  id: string,
  decision: { approve: boolean; note?: string | null | undefined },
  actor: string,
): Promise<InstallDecisionResult> {
  const note = decision.note?.trim() || null;
  const outcome = await decideInstallRequest(deps.db, id, { approve: decision.approve, note }, { actor });
  if (outcome.kind !== 'approved' && outcome.kind !== 'denied') return outcome;
  const approved = outcome.kind === 'approved';
  const { installation } = outcome;
  // Gone, or the workspace removed the app: its token is dead, there is nobody to tell.
  if (!installation || installation.revokedAt)
    return {
      kind: outcome.kind,
      request: outcome.request,
      notified: false,
      notifyError: 'installation_gone',
      tokenRevoked: null,
    };
  const token = deps.box.open(installation.botTokenSealed);
  let notifyError: string | null = null;
  try {
    await deps.slack.postMessage(token, outcome.request.requestedBy, {
      text: decisionMessage(approved, outcome.request.teamName, note),
    });
  } catch (error) {
    notifyError = slackErrorOf(error);
  }
  let tokenRevoked: boolean | null = null;
  if (!approved) {
    tokenRevoked = await deps.slack.revokeToken(token).then(
      () => true,
      () => false,
    );
  }
  return { kind: outcome.kind, request: outcome.request, notified: notifyError === null, notifyError, tokenRevoked };
}
