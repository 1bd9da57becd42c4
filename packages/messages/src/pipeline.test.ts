import { type PipelineEvent, pipelineEventSchema } from '@chatops/gitlab';
import { loadFixture } from '@chatops/test-support/fixtures';
import { buildPipelineMessage, formatDuration } from './pipeline';

const P = 'http://192.168.64.1:3005/gitlab-org/gitlab-test';
const fixture = (): PipelineEvent => pipelineEventSchema.parse(loadFixture('pipeline.json'));

// The event GitLab's own PipelineMessage spec uses.
const G = 'http://example.gitlab.com';
function specEvent(): PipelineEvent {
  return pipelineEventSchema.parse({
    object_kind: 'pipeline',
    object_attributes: {
      id: 123,
      sha: '97de212e80737a608d939f648d959671fb0a0142',
      tag: false,
      ref: 'develop',
      status: 'success',
      detailed_status: null,
      duration: 7210,
      finished_at: '2019-05-27 11:56:36 -0300',
    },
    project: {
      id: 234,
      name: 'project_name',
      path_with_namespace: 'group/project_name',
      web_url: G,
      avatar_url: 'http://example.com/project_avatar',
    },
    user: { id: 345, name: 'The Hacker', username: 'hacker', avatar_url: 'http://example.com/avatar' },
    commit: { id: 'abcdef', message: 'A test commit message\n\nbody', url: 'http://example.com/commit' },
    builds: null,
  });
}
const attachmentOf = (event: PipelineEvent, extras = {}) => {
  const attachment = buildPipelineMessage(event, extras).attachments?.[0];
  if (!attachment) throw new Error('no attachment');
  return attachment;
};
const field = (event: PipelineEvent, title: string, extras = {}) =>
  attachmentOf(event, extras).fields?.find((f) => f.title === title);
const failedJobs = (builds: Array<[number, string, string, string?]>) => {
  const event = specEvent();
  event.builds = builds.map(([id, name, status, stage]) => ({ id, name, status, stage: stage ?? 'test' }));
  return event;
};

describe('buildPipelineMessage', () => {
  it('puts everything in one attachment (GitLab fixture)', () => {
    expect(buildPipelineMessage(fixture())).toEqual({
      text: '',
      attachments: [
        {
          fallback: `[Gitlab Test](${P}): Pipeline [#31](${P}/-/pipelines/31/failures) of branch [master](${P}/-/commits/master) by Administrator (root) has passed in 01:03`,
          color: 'good',
          authorName: 'Administrator (root)',
          authorIcon: 'http://www.gravatar.com/avatar/e32bd13e2add097461cb96824b7a829c?s=80&d=identicon',
          title: 'Pipeline #31 has passed in 01:03',
          titleLink: `${P}/-/pipelines/31/failures`,
          fields: [
            { title: 'Branch', value: `[master](${P}/-/commits/master)`, short: true },
            {
              title: 'Commit',
              value:
                '[test](http://example.com/gitlab-org/gitlab-test/commit/bcbb5ec396a2c0f828686f14fac9b80b780504f2)',
              short: true,
            },
            { title: 'Failed stage', value: `[test](${P}/-/pipelines/31/failures)`, short: true },
            { title: 'Failed job', value: `[test-build](${P}/-/jobs/378)`, short: true },
            { title: 'Pipeline name', value: 'Pipeline for branch: master', short: false },
          ],
          footer: 'Gitlab Test',
          ts: 1471015589,
        },
      ],
    });
  });

  it('matches GitLab spec: a passed pipeline with every extra', () => {
    const extras = { commitTitle: 'A test commit message', committerProfileUrl: `${G}/hacker` };
    expect(attachmentOf(specEvent(), extras)).toEqual({
      fallback: `[project_name](${G}): Pipeline [#123](${G}/-/pipelines/123) of branch [develop](${G}/-/commits/develop) by The Hacker (hacker) has passed in 02:00:10`,
      color: 'good',
      authorName: 'The Hacker (hacker)',
      authorIcon: 'http://example.com/avatar',
      authorLink: `${G}/hacker`,
      title: 'Pipeline #123 has passed in 02:00:10',
      titleLink: `${G}/-/pipelines/123`,
      fields: [
        { title: 'Branch', value: `[develop](${G}/-/commits/develop)`, short: true },
        { title: 'Commit', value: '[A test commit message](http://example.com/commit)', short: true },
      ],
      footer: 'project_name',
      footerIcon: 'http://example.com/project_avatar',
      ts: 1558968996,
    });
  });

  it.each([
    ['success', 'passed with warnings', 'has passed with warnings', 'warning'],
    ['success', 'passed', 'has passed', 'good'],
    ['failed', 'failed', 'has failed', 'danger'],
    ['canceled', 'canceled', 'canceled', 'danger'],
    ['running', null, 'running', 'danger'],
  ])('status %s / %s reads "%s" in %s', (status, detailed, humanized, color) => {
    const event = specEvent();
    event.object_attributes = { ...event.object_attributes, status, detailed_status: detailed };
    const attachment = attachmentOf(event);
    expect(attachment.title).toBe(`Pipeline #123 ${humanized} in 02:00:10`);
    expect(attachment.fallback).toContain(` by The Hacker (hacker) ${humanized} in 02:00:10`);
    expect(attachment.color).toBe(color);
  });

  it('names "API" and drops the author icon and link when no user started the pipeline', () => {
    const event = specEvent();
    event.user = null;
    const attachment = attachmentOf(event, { committerProfileUrl: `${G}/hacker` });
    expect(attachment.authorName).toBe('API');
    expect(attachment.fallback).toContain(' by API has passed in 02:00:10');
    expect(attachment).not.toHaveProperty('authorIcon');
    expect(attachment).not.toHaveProperty('authorLink');
  });

  it('shows just the username when the user has no full name', () => {
    const event = specEvent();
    event.user = { name: null, username: 'bot', avatar_url: null };
    expect(attachmentOf(event).authorName).toBe('bot');
  });

  it('links a tag pipeline to the tag', () => {
    const event = specEvent();
    event.object_attributes = { ...event.object_attributes, tag: true, ref: 'v1.2.0' };
    const attachment = attachmentOf(event);
    expect(attachment.fallback).toContain(` of tag [v1.2.0](${G}/-/tags/v1.2.0) by`);
    expect(attachment.fields?.[0]).toEqual({ title: 'Tag', value: `[v1.2.0](${G}/-/tags/v1.2.0)`, short: true });
  });

  it('shows 00:00 and no ts before the pipeline has run', () => {
    const event = specEvent();
    event.object_attributes = { ...event.object_attributes, duration: null, finished_at: null };
    const attachment = attachmentOf(event);
    expect(attachment.title).toBe('Pipeline #123 has passed in 00:00');
    expect(attachment).not.toHaveProperty('ts');
  });

  it.each([
    ['2016-08-12 15:26:29 UTC', 1471015589],
    ['2016-08-12T15:26:29Z', 1471015589],
    ['2016-08-12T17:26:29.123+02:00', 1471015589],
    ['2016-08-12 15:26:29', 1471015589],
  ])('reads finished_at %j as %i', (finishedAt, ts) => {
    const event = specEvent();
    event.object_attributes.finished_at = finishedAt;
    expect(attachmentOf(event).ts).toBe(ts);
  });

  it('leaves ts out when finished_at is unreadable', () => {
    const event = specEvent();
    event.object_attributes.finished_at = 'yesterday';
    expect(attachmentOf(event)).not.toHaveProperty('ts');
  });

  it('lists 10 of 25 failed jobs, newest first, then links the rest (GitLab spec)', () => {
    const event = specEvent();
    event.builds = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      name: `job-${i + 1}`,
      status: 'failed',
      stage: `stage-${((i + 1) % 3) + 1}`,
    }));
    const failures = `${G}/-/pipelines/123/failures`;
    const jobs = Array.from({ length: 10 }, (_, i) => `[job-${25 - i}](${G}/-/jobs/${25 - i})`);
    expect(field(event, 'Failed stages')).toEqual({
      title: 'Failed stages',
      value: `[stage-2](${failures}), [stage-1](${failures}), [stage-3](${failures})`,
      short: true,
    });
    expect(field(event, 'Failed jobs')).toEqual({
      title: 'Failed jobs',
      value: `${jobs.join(', ')}, and [15 more](${failures})`,
      short: true,
    });
    expect(attachmentOf(event).titleLink).toBe(failures);
  });

  it('does not count a job that succeeded on retry as failed', () => {
    const event = failedJobs([
      [1, 'job-1', 'failed'],
      [2, 'job-2', 'failed'],
      [3, 'job-3', 'failed'],
      [7, 'job-1', 'failed'],
      [8, 'job-1', 'success'],
    ]);
    expect(field(event, 'Failed jobs')?.value).toBe(`[job-3](${G}/-/jobs/3), [job-2](${G}/-/jobs/2)`);
  });

  it('keeps the first of several failed jobs with the same name', () => {
    const event = failedJobs([
      [1, 'job-1', 'failed'],
      [2, 'job-2', 'failed'],
      [7, 'job-1', 'failed'],
      [8, 'job-1', 'failed'],
    ]);
    expect(field(event, 'Failed jobs')?.value).toBe(`[job-2](${G}/-/jobs/2), [job-1](${G}/-/jobs/1)`);
  });

  it('has no failure fields and links the pipeline page when only retried jobs failed', () => {
    const event = failedJobs([
      [1, 'rspec', 'failed'],
      [2, 'rspec', 'success'],
    ]);
    const attachment = attachmentOf(event);
    expect(attachment.fields?.map((f) => f.title)).toEqual(['Branch', 'Commit']);
    expect(attachment.titleLink).toBe(`${G}/-/pipelines/123`);
  });

  it('adds YAML errors and the pipeline name as long fields after the failures', () => {
    const event = failedJobs([[1, 'rspec', 'failed']]);
    event.object_attributes.name = 'Build pipeline';
    const titles = attachmentOf(event, { yamlErrors: 'yaml error description here' }).fields?.map((f) => [
      f.title,
      f.short,
    ]);
    expect(titles).toEqual([
      ['Branch', true],
      ['Commit', true],
      ['Failed stage', true],
      ['Failed job', true],
      ['Invalid CI config YAML file', false],
      ['Pipeline name', false],
    ]);
    expect(field(event, 'Invalid CI config YAML file', { yamlErrors: 'yaml error description here' })?.value).toBe(
      'yaml error description here',
    );
    expect(field(event, 'Pipeline name')?.value).toBe('Build pipeline');
  });

  it('takes the commit title from the payload, else the first line of the message', () => {
    const event = specEvent();
    expect(field(event, 'Commit')?.value).toBe('[A test commit message](http://example.com/commit)');
    event.commit = {
      id: 'abcdef',
      message: 'ignored',
      title: 'Payload title',
      url: 'http://example.com/commit',
      author: { name: 'A' },
    };
    expect(field(event, 'Commit')?.value).toBe('[Payload title](http://example.com/commit)');
  });

  it("cuts a long first line like GitLab's Commit#title", () => {
    const event = specEvent();
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' '); // 129 characters
    event.commit = { id: 'abcdef', message: `${words}\nbody`, url: 'http://example.com/commit', author: { name: 'A' } };
    expect(field(event, 'Commit')?.value).toBe(`[${words.slice(0, 73)}...](http://example.com/commit)`);
  });

  it('links the pipeline sha when the payload has no commit', () => {
    const event = specEvent();
    event.commit = null;
    expect(field(event, 'Commit')?.value).toBe(`[97de212e](${G}/-/commit/97de212e80737a608d939f648d959671fb0a0142)`);
  });

  it('uses a fetched project avatar, and a payload one only when absolute', () => {
    const event = specEvent();
    expect(attachmentOf(event, { projectAvatarUrl: 'https://cdn.example/a.png' }).footerIcon).toBe(
      'https://cdn.example/a.png',
    );
    event.project.avatar_url = '/uploads/project/avatar/1/a.png';
    expect(attachmentOf(event)).not.toHaveProperty('footerIcon');
  });

  it('strips link markup from commit titles, job names, stages, user names and pipeline names, not from YAML errors', () => {
    const event = failedJobs([[9, '[x](https://evil.example) <https://evil.example|y>', 'failed', 'te|st']]);
    event.user = { name: '<https://evil.example|Mallory>', username: 'm[a]l', avatar_url: null };
    event.object_attributes.name = 'Nightly [x](https://evil.example)';
    const attachment = attachmentOf(event, {
      commitTitle: 'Fix [x](https://evil.example) <https://evil.example|y> |',
      yamlErrors: 'bad <https://evil.example|key>',
    });
    expect(attachment.authorName).toBe('https://evil.exampleMallory (mal)');
    expect(attachment.fallback).toContain(' by https://evil.exampleMallory (mal) has passed');
    expect(attachment.fields).toEqual([
      { title: 'Branch', value: `[develop](${G}/-/commits/develop)`, short: true },
      {
        title: 'Commit',
        value: '[Fix x(https://evil.example) https://evil.exampley ](http://example.com/commit)',
        short: true,
      },
      { title: 'Failed stage', value: `[test](${G}/-/pipelines/123/failures)`, short: true },
      { title: 'Failed job', value: `[x(https://evil.example) https://evil.exampley](${G}/-/jobs/9)`, short: true },
      // As GitLab wrote them: the renderer shows the Slack link literally (see pipeline.slack.test.ts).
      { title: 'Invalid CI config YAML file', value: 'bad <https://evil.example|key>', short: false },
      { title: 'Pipeline name', value: 'Nightly x(https://evil.example)', short: false },
    ]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [63, '01:03'],
    [63.9, '01:03'],
    [3599, '59:59'],
    [3600, '01:00:00'],
    [7210, '02:00:10'],
    [90000, '01:00:00'],
    [-5, '00:00'],
  ])('%d seconds → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('pipelineEventSchema', () => {
  it('accepts null builds, user and commit and a payload without detailed_status or name', () => {
    const raw = loadFixture<Record<string, unknown>>('pipeline.json');
    const event = pipelineEventSchema.parse({ ...raw, builds: null, user: null, commit: null });
    expect(event.builds).toEqual([]);
    expect(event.object_attributes.detailed_status).toBeUndefined();
  });
});
