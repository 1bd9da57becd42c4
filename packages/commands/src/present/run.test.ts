import { runNotScheduledReply, runScheduledReply, runUnsupportedReply } from './run';

const JOB = { id: 314, url: 'https://gitlab.example.com/acme/web-app/-/jobs/314' };

describe('runScheduledReply', () => {
  it('sends Slack an empty message to the channel, so the command stays visible without noise', () => {
    expect(runScheduledReply(JOB, 'slack')).toEqual({ response_type: 'in_channel', text: '' });
  });

  it('tells the Mattermost user which job was created', () => {
    expect(runScheduledReply(JOB, 'mattermost')).toEqual({
      response_type: 'ephemeral',
      text: 'Your ChatOps job [#314](https://gitlab.example.com/acme/web-app/-/jobs/314) has been created!',
    });
  });
});

describe('runNotScheduledReply', () => {
  it('names the job as Ruby inspect quotes it', () => {
    expect(runNotScheduledReply('deploy', 'slack')).toEqual({
      response_type: 'ephemeral',
      text:
        'The command could not be scheduled. Make sure that your project has a .gitlab-ci.yml ' +
        'that defines a job with the name "deploy"',
    });
  });

  it('escapes quotes and shows a link-like name as typed', () => {
    expect(runNotScheduledReply('[a"b](https://x.example)', 'slack').text).toMatch(
      /with the name "\[a\\"b\]\(https:\/\/x\.example\)"$/,
    );
  });
});

describe('runUnsupportedReply', () => {
  it('says the chat is not supported', () => {
    expect(runUnsupportedReply('mattermost')).toEqual({
      response_type: 'ephemeral',
      text: 'Sorry, this chat service is currently not supported by GitLab ChatOps.',
    });
  });
});
