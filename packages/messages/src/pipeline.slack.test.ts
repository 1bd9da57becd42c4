import { pipelineEventSchema } from '@chatops/gitlab';
import { buildPipelineMessage } from './pipeline';
import { loadFixture } from '@chatops/test-support/fixtures';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

const P = 'http://192.168.64.1:3005/gitlab-org/gitlab-test';
const fixture = () => pipelineEventSchema.parse(loadFixture('pipeline.json'));

describe('renderSlackMessage (pipeline)', () => {
  it('renders the pipeline fixture exactly as GitLab posts it', () => {
    expect(renderSlackMessage(buildPipelineMessage(fixture()))).toEqual({
      text: '',
      attachments: [
        {
          fallback: `<${P}|Gitlab Test>: Pipeline <${P}/-/pipelines/31/failures|#31> of branch <${P}/-/commits/master|master> by Administrator (root) has passed in 01:03`,
          color: 'good',
          author_name: 'Administrator (root)',
          author_icon: 'http://www.gravatar.com/avatar/e32bd13e2add097461cb96824b7a829c?s=80&d=identicon',
          title: 'Pipeline #31 has passed in 01:03',
          title_link: `${P}/-/pipelines/31/failures`,
          fields: [
            { title: 'Branch', value: `<${P}/-/commits/master|master>`, short: true },
            {
              title: 'Commit',
              value: '<http://example.com/gitlab-org/gitlab-test/commit/bcbb5ec396a2c0f828686f14fac9b80b780504f2|test>',
              short: true,
            },
            { title: 'Failed stage', value: `<${P}/-/pipelines/31/failures|test>`, short: true },
            { title: 'Failed job', value: `<${P}/-/jobs/378|test-build>`, short: true },
            { title: 'Pipeline name', value: 'Pipeline for branch: master', short: false },
          ],
          footer: 'Gitlab Test',
          ts: 1471015589,
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('renders the "and N more" job link as a Slack link (GitLab spec)', () => {
    const event = fixture();
    event.builds = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      name: `job-${i + 1}`,
      status: 'failed',
      stage: 'test',
    }));
    const jobs = renderSlackMessage(buildPipelineMessage(event)).attachments?.[0]?.fields?.find(
      (f) => f.title === 'Failed jobs',
    );
    const links = Array.from({ length: 10 }, (_, i) => `<${P}/-/jobs/${25 - i}|job-${25 - i}>`);
    expect(jobs?.value).toBe(`${links.join(', ')}, and <${P}/-/pipelines/31/failures|15 more>`);
  });

  it('keeps injected links in titles and names from becoming Slack links', () => {
    const event = fixture();
    event.builds = [{ id: 5, name: '[x](https://evil.example)', status: 'failed', stage: 'test' }];
    event.object_attributes.name = '<https://evil.example|release>';
    const extras = { commitTitle: 'Fix [x](https://evil.example) <https://evil.example|y>' };
    const fields = renderSlackMessage(buildPipelineMessage(event, extras)).attachments?.[0]?.fields ?? [];
    expect(fields.map((f) => f.value)).toEqual([
      `<${P}/-/commits/master|master>`,
      '<http://example.com/gitlab-org/gitlab-test/commit/bcbb5ec396a2c0f828686f14fac9b80b780504f2|Fix x(https://evil.example) https://evil.exampley>',
      `<${P}/-/pipelines/31/failures|test>`,
      `<${P}/-/jobs/5|x(https://evil.example)>`,
      'https://evil.examplerelease',
    ]);
  });

  it('shows Slack syntax in YAML errors literally', () => {
    const extras = { yamlErrors: 'bad <https://evil.example|key> & <!here>' };
    const fields = renderSlackMessage(buildPipelineMessage(fixture(), extras)).attachments?.[0]?.fields ?? [];
    expect(fields.find((f) => f.title === 'Invalid CI config YAML file')?.value).toBe(
      'bad &lt;https://evil.example|key&gt; &amp; &lt;!here&gt;',
    );
  });
});
