import { loadFixture } from '@chatops/test-support/fixtures';
import { type DeploymentEvent, deploymentEventSchema } from '@chatops/gitlab';
import { buildDeploymentMessage } from './deployment';

const fixture = (): DeploymentEvent => deploymentEventSchema.parse(loadFixture('deployment.json'));
const PROJECT = '[Administrator / test-deployment-webhooks](http://10.126.0.2:3000/root/test-deployment-webhooks)';
const JOB = '[#796](http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796)';
const USER = '[Administrator (root)](http://10.126.0.2:3000/root)';
const COMMIT =
  '[279484c0](http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468)';

describe('deploymentEventSchema', () => {
  it('accepts a deployment without a job (API or trigger deployments)', () => {
    const payload = { ...loadFixture('deployment.json'), deployable_id: null, deployable_url: null };
    expect(deploymentEventSchema.safeParse(payload).success).toBe(true);
  });

  it('rejects a payload of another kind', () => {
    expect(deploymentEventSchema.safeParse(loadFixture('wiki_page.json')).success).toBe(false);
  });
});

describe('buildDeploymentMessage', () => {
  it('describes a successful deployment (GitLab fixture)', () => {
    expect(buildDeploymentMessage(fixture())).toEqual({
      text: 'Deploy to staging succeeded',
      attachments: [{ text: `${PROJECT} with job ${JOB} by ${USER}\n${COMMIT}: Add new file`, color: 'good' }],
    });
  });

  it.each([
    ['running', 'Starting deploy to staging', '#334455'],
    ['failed', 'Deploy to staging failed', 'danger'],
    ['canceled', 'Deploy to staging canceled', 'warning'],
    ['blocked', 'Deploy to staging blocked', '#334455'],
  ])('describes status %s', (status, text, color) => {
    const message = buildDeploymentMessage({ ...fixture(), status });
    expect(message.text).toBe(text);
    expect(message.attachments?.[0]?.color).toBe(color);
  });

  it('strips link markup from the environment, commit title and user name', () => {
    const event = {
      ...fixture(),
      environment: '[prod](https://evil)|<x>',
      commit_title: '<https://evil|Fix> [y](https://evil)',
    };
    event.user = { name: '[Eve]', username: 'eve|' };
    const message = buildDeploymentMessage(event);
    expect(message.text).toBe('Deploy to prod(https://evil)x succeeded');
    expect(message.attachments?.[0]?.text).toBe(
      `${PROJECT} with job ${JOB} by [Eve (eve)](http://10.126.0.2:3000/root)\n${COMMIT}: https://evilFix y(https://evil)`,
    );
  });

  it('shows the bare job number when the job has no URL, and no job when there is none', () => {
    expect(buildDeploymentMessage({ ...fixture(), deployable_url: null }).attachments?.[0]?.text).toBe(
      `${PROJECT} with job #796 by ${USER}\n${COMMIT}: Add new file`,
    );
    expect(
      buildDeploymentMessage({ ...fixture(), deployable_id: null, deployable_url: null }).attachments?.[0]?.text,
    ).toBe(`${PROJECT} by ${USER}\n${COMMIT}: Add new file`);
  });

  it('copes with a missing user, user URL and commit title', () => {
    const event = { ...fixture(), user: undefined, user_url: undefined, commit_title: undefined };
    expect(buildDeploymentMessage(event).attachments?.[0]?.text).toBe(`${PROJECT} with job ${JOB} by \n${COMMIT}: `);
  });
});
