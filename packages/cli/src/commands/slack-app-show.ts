import { loadSlackAppConfig, type SecretView, slackAppView, type SlackAppView } from '@chatops/slack-app';
import { defineCommand } from '../command';

const where = (source: string | null, stored: boolean) =>
  source === 'env' ? (stored ? 'from the environment (overrides the stored one)' : 'from the environment') : 'stored';

const secretLine = (name: string, secret: SecretView) =>
  `${name}: ${secret.set ? `set, ${where(secret.source, secret.stored)}` : 'not set'}`;

/** The settings as lines for people: secrets say only whether they are set, and from where. */
export function slackAppLines(view: SlackAppView): string[] {
  const { clientId } = view;
  return [
    `enabled: ${view.enabled ? 'yes' : 'no (Slack requests are refused, nobody can install)'}`,
    `client id: ${clientId.value ? `${clientId.value}, ${where(clientId.source, clientId.stored)}` : 'not set'}`,
    secretLine('client secret', view.clientSecret),
    secretLine('signing secret', view.signingSecret),
    secretLine('verification token', view.verificationToken),
    `install policy: ${view.installPolicy}`,
    `pre-approved teams: ${view.preApprovedTeamIds.join(', ') || 'none'}`,
    `approval link: ${view.approvalLink ?? 'none'}`,
    `install URL: ${view.installUrl}`,
  ];
}

export const slackAppShow = defineCommand({
  name: 'slack:app:show',
  summary: "Show the Slack app's settings (secrets: only whether they are set, and whether SLACK_* overrides them)",
  options: {},
  async run(_options, { db, box, publicUrl, slackAppEnv, print }) {
    const view = slackAppView(await loadSlackAppConfig(db, box, slackAppEnv), publicUrl);
    for (const line of slackAppLines(view)) print(line);
    return view;
  },
});
