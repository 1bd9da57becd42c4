import { loadFixture } from '@chatops/test-support/fixtures';
import { deploymentEventSchema } from '@chatops/gitlab';
import { buildDeploymentMessage } from './deployment';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

describe('renderSlackMessage for deployments', () => {
  it('renders the deployment fixture exactly as GitLab posts it', () => {
    const body = renderSlackMessage(
      buildDeploymentMessage(deploymentEventSchema.parse(loadFixture('deployment.json'))),
    );
    expect(body).toEqual({
      text: 'Deploy to staging succeeded',
      attachments: [
        {
          text:
            '<http://10.126.0.2:3000/root/test-deployment-webhooks|Administrator / test-deployment-webhooks> with job ' +
            '<http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796|#796> by <http://10.126.0.2:3000/root|Administrator (root)>\n' +
            '<http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468|279484c0>: Add new file',
          color: 'good',
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});
