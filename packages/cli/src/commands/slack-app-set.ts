import { saveAuditedSlackAppSettings, type SlackAppSettingsChange } from '@chatops/db';
import { loadSlackAppConfig, slackAppView } from '@chatops/slack-app';
import { defineCommand, listOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';
import { slackAppLines } from './slack-app-show';

const TEAM_ID = /^T[A-Z0-9]{2,30}$/;

/** `""` clears a value; anything else is the new value. */
const clearable = (value: string | undefined) => (value === undefined ? undefined : value === '' ? null : value);

export const slackAppSet = defineCommand({
  name: 'slack:app:set',
  summary: "Change the Slack app's settings (from its Basic Information page); options left out keep their value",
  options: {
    'client-id': { description: 'the OAuth client id ("" clears it)' },
    'client-secret': { description: 'the OAuth client secret (stored encrypted; "" clears it)' },
    'signing-secret': { description: 'the signing secret (stored encrypted; "" clears it)' },
    'verification-token': { description: 'the legacy verification token (stored encrypted; "" clears it)' },
    enable: { description: "turn the app on: Slack's requests are taken, workspaces may install", type: 'flag' },
    disable: { description: "turn it off: Slack's requests are refused, nobody can install", type: 'flag' },
    policy: { description: 'open (any workspace is served once installed) or approval (others wait for an admin)' },
    'pre-approved': { description: 'comma-separated team ids served at once under the approval policy ("" for none)' },
    'approval-link': { description: 'shown on the install page: where to ask for approval first ("" clears it)' },
  },
  check(options) {
    const problems: string[] = [];
    if (options.enable && options.disable) problems.push('give at most one of --enable and --disable');
    if (options.policy !== undefined && !['open', 'approval'].includes(options.policy))
      problems.push('--policy is open or approval');
    for (const id of listOption(options['pre-approved']))
      if (!TEAM_ID.test(id)) problems.push(`--pre-approved: ${id} is not a Slack team id (T…)`);
    const link = options['approval-link'];
    if (link && !/^https?:\/\/\S+$/.test(link)) problems.push('--approval-link must be an http(s) URL');
    return problems;
  },
  async run(options, { db, box, publicUrl, slackAppEnv, print }) {
    const change: SlackAppSettingsChange = {
      ...(options.enable ? { enabled: true } : options.disable ? { enabled: false } : {}),
      clientId: clearable(options['client-id']),
      clientSecret: clearable(options['client-secret']),
      signingSecret: clearable(options['signing-secret']),
      verificationToken: clearable(options['verification-token']),
      installPolicy: options.policy as SlackAppSettingsChange['installPolicy'],
      preApprovedTeamIds: options['pre-approved'] === undefined ? undefined : listOption(options['pre-approved']),
      approvalLink: clearable(options['approval-link']),
    };
    if (Object.values(change).every((value) => value === undefined))
      throw new UsageError('nothing to change: give at least one option (see --help)');
    await saveAuditedSlackAppSettings(db, box, change, CLI_ACTOR);
    const view = slackAppView(await loadSlackAppConfig(db, box, slackAppEnv), publicUrl);
    print('saved; every gateway applies it within a few seconds');
    for (const line of slackAppLines(view)) print(line);
    return view;
  },
});
