import { type HomeView } from '@slack/types';

/** The chat user's GitLab account, when they linked one. */
export interface LinkedAccount {
  username: string;
  /** Their GitLab profile page. */
  url: string;
}

export interface AppHomeInput {
  /** Where GitLab's help pages are: `<GitLab URL>/help`. */
  helpUrl: string;
  account: LinkedAccount | null;
  /** Where the user connects their GitLab account (a fresh link); null when linking is not configured. */
  connectUrl: string | null;
}

const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });

/**
 * The App Home tab, as GitLab publishes it for `app_home_opened` (lib/slack/block_kit/app_home_opened.rb):
 * a welcome, what notifications and slash commands are, and the user's GitLab account: connected,
 * or a button connecting it. Pure: the same input gives the same view.
 */
export function appHomeBlocks(input: AppHomeInput): HomeView['blocks'] {
  const app = `${input.helpUrl}/user/project/integrations/gitlab_slack_application.md`;
  const blocks: HomeView['blocks'] = [
    { type: 'header', text: { type: 'plain_text', text: '✨ Welcome to GitLab for Slack!', emoji: true } },
    section(
      'GitLab for Slack now supports channel-based notifications. Let your team know when new issues are created ' +
        `or new CI/CD jobs are run. <${input.helpUrl}/integration/slash_commands.md|Learn more>.`,
    ),
    section('*Channel notifications*'),
    section(
      `To start using notifications, <${app}#configuration|enable the GitLab for Slack app integration> in your project settings.`,
    ),
    section('*Slash commands*'),
    section(
      `Control GitLab from Slack with <${app}#usage|slash commands>. For a list of available commands, enter \`/gitlab help\`.`,
    ),
    section('To start using slash commands, connect your GitLab account.'),
  ];
  if (input.account) {
    blocks.push(section(`✅ Connected to GitLab account <${input.account.url}|@${input.account.username}>.`));
  } else if (input.connectUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'connect_gitlab_account',
          text: { type: 'plain_text', text: 'Connect your GitLab account', emoji: true },
          style: 'primary',
          url: input.connectUrl,
        },
      ],
    });
  }
  return blocks;
}
