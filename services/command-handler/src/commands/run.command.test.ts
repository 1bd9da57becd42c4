import { renderReply } from '@chatops/chat';
import { runNotScheduledReply, runScheduledReply } from './run.command';

const JOB = { id: 314, url: 'https://gitlab.example.com/acme/web-app/-/jobs/314' };

describe('runScheduledReply', () => {
  it('sends Slack an empty message to the channel, so the command stays visible without noise', () => {
    expect(renderReply('slack', runScheduledReply(JOB, 'slack'))).toEqual({ response_type: 'in_channel', text: '' });
  });

  it('tells the Mattermost user which job was created', () => {
    expect(renderReply('mattermost', runScheduledReply(JOB, 'mattermost'))).toEqual({
      response_type: 'ephemeral',
      text: 'Your ChatOps job [#314](https://gitlab.example.com/acme/web-app/-/jobs/314) has been created!',
    });
  });
});

describe('runNotScheduledReply', () => {
  it('names the job as Ruby inspect quotes it', () => {
    expect(renderReply('slack', runNotScheduledReply('deploy'))).toEqual({
      response_type: 'ephemeral',
      text:
        'The command could not be scheduled. Make sure that your project has a .gitlab-ci.yml ' +
        'that defines a job with the name "deploy"',
    });
  });

  it('escapes quotes and shows a link-like name as typed', () => {
    expect(renderReply('slack', runNotScheduledReply('[a"b](https://x.example)')).text).toMatch(
      /with the name "\[a\\"b\]\(https:\/\/x\.example\)"$/,
    );
  });
});
