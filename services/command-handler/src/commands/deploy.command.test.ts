import { renderReply } from '@chatops/chat';
import { deployNoActionReply, deployStartedReply } from './deploy.command';

const JOB_URL = 'https://gitlab.example.com/acme/web-app/-/jobs/91';

describe('deployStartedReply', () => {
  it('tells the channel, with a Slack link to the job', () => {
    expect(renderReply('slack', deployStartedReply({ from: 'staging', to: 'production', jobUrl: JOB_URL }))).toEqual({
      response_type: 'in_channel',
      text: `Deployment started from staging to production. <${JOB_URL}|Follow its progress>.`,
    });
  });

  it('keeps the markdown link for Mattermost', () => {
    expect(
      renderReply('mattermost', deployStartedReply({ from: 'staging', to: 'production', jobUrl: JOB_URL })).text,
    ).toBe(`Deployment started from staging to production. [Follow its progress](${JOB_URL}).`);
  });

  it('does not let environment names forge a link', () => {
    const reply = renderReply(
      'slack',
      deployStartedReply({ from: '[x](https://evil.example)', to: 'prod', jobUrl: JOB_URL }),
    );
    expect(reply.text).toBe(
      `Deployment started from x(https://evil.example) to prod. <${JOB_URL}|Follow its progress>.`,
    );
  });
});

describe('deployNoActionReply', () => {
  it('tells the user no manual action fits', () => {
    expect(renderReply('slack', deployNoActionReply())).toEqual({
      response_type: 'ephemeral',
      text: "Couldn't find a deployment manual action.",
    });
  });
});
