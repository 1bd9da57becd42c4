import { type ChatPlatform } from '@chatops/chat';
import { gitlabTrace } from '@chatops/testing';
import { waitFor } from '@chatops/test-support/wait';
import { BACKEND, CHANNEL, chatUser, link, PROVIDERS, useCommandHandler, USERS } from './harness';

const h = useCommandHandler();

/** The `hello` job of the pipeline that `run` created, once it exists. */
async function chatJob() {
  const pipeline = await waitFor(() => h.gitlab.pipelines(BACKEND.id).at(-1), { what: 'the ChatOps pipeline' });
  const job = h.gitlab.jobs(pipeline.id).find((candidate) => candidate.name === 'hello');
  if (!job) throw new Error('the pipeline has no hello job');
  return { pipeline, job, url: `${h.projectUrl(BACKEND)}/-/jobs/${job.id}` };
}

/** A job log whose `chat_reply` section holds the output, as GitLab's ChatOps docs show. */
const traceWithReply = (...lines: string[]) =>
  gitlabTrace([
    { name: 'step_script', lines: ['$ ./hello.sh "$CHAT_INPUT"'] },
    { name: 'chat_reply', lines: ['', ...lines] },
  ]);

describe.each(PROVIDERS)('run (%s)', (provider: ChatPlatform) => {
  beforeEach(async () => {
    await h.link(provider, 'developer');
  });

  /** Runs `run hello world`; resolves once GitLab has the job and the scheduled reply was handled. */
  async function runHello(): Promise<{ url: string; job: Awaited<ReturnType<typeof chatJob>> }> {
    const url = await h.send(provider, 'developer', `${BACKEND.path} run hello world`);
    const job = await chatJob();
    if (provider === 'mattermost') {
      expect(await h.reply(provider, url)).toEqual({
        response_type: 'ephemeral',
        text: `Your ChatOps job ${link(provider, `#${job.job.id}`, job.url)} has been created!`,
      });
    } else {
      // Slack: GitLab's answer is an empty in_channel message, which a response_url refuses
      // (no_text): nothing is posted until the output (the reply is posted before the first check).
      await waitFor(() => h.gitlab.requestCount('GET /api/v4/projects/:id/jobs/:jobId') > 0, {
        what: 'the first check of the job',
      });
      expect(h.responses(provider, url)).toEqual([]);
    }
    return { url, job };
  }

  it('creates a pipeline with the ChatOps variables, then posts the job output when it succeeds', async () => {
    const { url, job } = await runHello();
    expect(job.pipeline).toMatchObject({ ref: 'main', userId: USERS.developer.id });
    expect(job.pipeline.variables.map((v) => [v.key, v.value])).toEqual(
      expect.arrayContaining([
        ['CHAT_INPUT', 'world'],
        ['CHAT_CHANNEL', CHANNEL[provider]],
        ['CHAT_USER_ID', chatUser(provider, 'developer')],
      ]),
    );

    h.gitlab.setJobTrace(job.job.id, traceWithReply('Hello, world!', 'Bye.'));
    h.gitlab.setJobStatus(job.job.id, 'success');
    const output = await h.reply(provider, url, provider === 'slack' ? 1 : 2);
    if (provider === 'slack') {
      expect(output).toEqual({
        response_type: 'in_channel',
        text: `<@${chatUser(provider, 'developer')}>: Hello, world!\nBye.`,
      });
    } else {
      expect(output).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            color: '#00c100',
            text: `ChatOps job started by [${USERS.developer.name}](${h.gitlab.url}/dave) completed successfully`,
            fields: [
              { short: true, title: 'ID', value: `[#${job.job.id}](${job.url})` },
              { short: true, title: 'Name', value: 'hello' },
              { short: false, title: 'Output', value: '```shell\nHello, world!\nBye.\n```' },
            ],
          },
        ],
      });
    }
  });

  it('waits for the output section when the log lags behind the finished job', async () => {
    const { url, job } = await runHello();
    h.gitlab.setJobStatus(job.job.id, 'success');
    const checks = () => h.gitlab.requestCount('GET /api/v4/projects/:id/jobs/:jobId/trace');
    await waitFor(() => checks() >= 2, { what: 'two reads of the log' });
    h.gitlab.setJobTrace(job.job.id, traceWithReply('Late output'));
    const output = await h.reply(provider, url, provider === 'slack' ? 1 : 2);
    expect(JSON.stringify(output)).toContain('Late output');
  });

  it("posts GitLab's failure text when the job fails", async () => {
    const { url, job } = await runHello();
    h.gitlab.setJobStatus(job.job.id, 'running');
    h.gitlab.setJobStatus(job.job.id, 'failed');
    const output = await h.reply(provider, url, provider === 'slack' ? 1 : 2);
    if (provider === 'slack') {
      expect(output).toEqual({
        response_type: 'in_channel',
        text: `<@${chatUser(provider, 'developer')}>: <${job.url}|Sorry, the build failed!>`,
      });
    } else {
      expect(output).toEqual({
        response_type: 'in_channel',
        attachments: [
          {
            color: '#e40303',
            text: `ChatOps job started by [${USERS.developer.name}](${h.gitlab.url}/dave) failed!`,
            fields: [
              { short: true, title: 'ID', value: `[#${job.job.id}](${job.url})` },
              { short: true, title: 'Name', value: 'hello' },
            ],
          },
        ],
      });
    }
  });

  it('says the command could not be scheduled when no job has that name', async () => {
    const url = await h.send(provider, 'developer', `${BACKEND.path} run nope`);
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: 'The command could not be scheduled. Make sure that your project has a .gitlab-ci.yml that defines a job with the name "nope"',
    });
  });
});

describe.each(PROVIDERS)('deploy (%s)', (provider: ChatPlatform) => {
  beforeEach(async () => {
    await h.link(provider, 'developer');
  });

  /** A pipeline that deployed to staging and waits for a manual `deploy-production`. */
  function deployedToStaging(options: { manualProduction: boolean }) {
    const pipeline = h.gitlab.addPipeline(BACKEND.id, { userId: USERS.maintainer.id });
    h.gitlab.addJob(pipeline.id, {
      name: 'deploy-staging',
      stage: 'deploy',
      environment: 'staging',
      status: 'success',
    });
    if (!options.manualProduction) return undefined;
    return h.gitlab.addJob(pipeline.id, {
      name: 'deploy-production',
      stage: 'deploy',
      environment: 'production',
      when: 'manual',
    });
  }

  it('plays the one manual action that deploys to the target', async () => {
    const action = deployedToStaging({ manualProduction: true });
    if (!action) throw new Error('no manual action');
    const url = await h.send(provider, 'developer', `${BACKEND.path} deploy staging to production`);
    const jobUrl = `${h.projectUrl(BACKEND)}/-/jobs/${action.id}`;
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'in_channel',
      text: `Deployment started from staging to production. ${link(provider, 'Follow its progress', jobUrl)}.`,
    });
    expect(h.gitlab.job(action.id)).toMatchObject({ status: 'pending', userId: USERS.developer.id });
  });

  it("answers GitLab's text when there is no manual action", async () => {
    deployedToStaging({ manualProduction: false });
    const url = await h.send(provider, 'developer', `${BACKEND.path} deploy staging to production`);
    expect(await h.reply(provider, url)).toEqual({
      response_type: 'ephemeral',
      text: "Couldn't find a deployment manual action.",
    });
    expect(h.gitlab.requestCount('POST /api/v4/projects/:id/jobs/:jobId/play')).toBe(0);
  });
});
