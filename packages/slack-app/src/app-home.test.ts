import { appHomeBlocks } from './app-home';

const HELP = 'https://gitlab.example.com/help';
const APP = `${HELP}/user/project/integrations/gitlab_slack_application.md`;

/** GitLab's texts (lib/slack/block_kit/app_home_opened.rb), blocks 1–7. */
const COMMON = [
  { type: 'header', text: { type: 'plain_text', text: '✨ Welcome to GitLab for Slack!', emoji: true } },
  {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `GitLab for Slack now supports channel-based notifications. Let your team know when new issues are created or new CI/CD jobs are run. <${HELP}/integration/slash_commands.md|Learn more>.`,
    },
  },
  { type: 'section', text: { type: 'mrkdwn', text: '*Channel notifications*' } },
  {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `To start using notifications, <${APP}#configuration|enable the GitLab for Slack app integration> in your project settings.`,
    },
  },
  { type: 'section', text: { type: 'mrkdwn', text: '*Slash commands*' } },
  {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `Control GitLab from Slack with <${APP}#usage|slash commands>. For a list of available commands, enter \`/gitlab help\`.`,
    },
  },
  { type: 'section', text: { type: 'mrkdwn', text: 'To start using slash commands, connect your GitLab account.' } },
];

describe('appHomeBlocks', () => {
  it("says which GitLab account a linked user is connected to, in GitLab's words", () => {
    expect(
      appHomeBlocks({
        helpUrl: HELP,
        account: { username: 'alice', url: 'https://gitlab.example.com/alice' },
        connectUrl: 'https://chatops.example.com/link/gitlab/x',
      }),
    ).toEqual([
      ...COMMON,
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '✅ Connected to GitLab account <https://gitlab.example.com/alice|@alice>.' },
      },
    ]);
  });

  it('offers the others a button connecting their account', () => {
    expect(
      appHomeBlocks({ helpUrl: HELP, account: null, connectUrl: 'https://chatops.example.com/link/gitlab/x' }),
    ).toEqual([
      ...COMMON,
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'connect_gitlab_account',
            text: { type: 'plain_text', text: 'Connect your GitLab account', emoji: true },
            style: 'primary',
            url: 'https://chatops.example.com/link/gitlab/x',
          },
        ],
      },
    ]);
  });

  it('has no button where account linking is not configured', () => {
    expect(appHomeBlocks({ helpUrl: HELP, account: null, connectUrl: null })).toEqual(COMMON);
  });
});
