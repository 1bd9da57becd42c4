import { renderNotification } from '@chatops/chat';
import { isAppError } from '@chatops/errors';
import { isKnownGitlabEvent } from '@chatops/gitlab';
import { buildNotification } from '@chatops/messages';
import { defineCommand, requireOption, UsageError } from '../command';
import { readPayload } from '../payload-file';

export const render = defineCommand({
  name: 'render',
  summary: 'Print the exact Slack or Mattermost body a GitLab webhook payload produces (sends nothing)',
  positionals: '<payload.json>',
  options: {
    provider: { description: 'slack | mattermost', required: true },
    event: { description: 'the X-Gitlab-Event value, e.g. "Push Hook"', required: true },
  },
  async run(options, { print }, positionals) {
    const provider = requireOption(options, 'provider');
    if (provider !== 'slack' && provider !== 'mattermost')
      throw new UsageError('--provider must be slack or mattermost');
    const event = requireOption(options, 'event');
    if (!isKnownGitlabEvent(event)) throw new UsageError(`unknown X-Gitlab-Event: ${event}`);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one payload file');

    const payload = await readPayload(file);
    let built;
    try {
      built = buildNotification(event, payload);
    } catch (error) {
      if (isAppError(error)) throw new UsageError(error.message.split('\n')[0] ?? error.message);
      throw error;
    }
    // No notification (an event GitLab does not notify, or an update it skips): JSON null.
    const body = built ? renderNotification(provider, built.message).message : null;
    print(JSON.stringify(body, null, 2));
    return body;
  },
});
