import { gitbeaker } from '../test-support/real-clients.js';
import { api, PRIVATE_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';
import { AccessLevel } from './types.js';
import { gitlabTrace } from './job-trace.js';

type Json = Record<string, unknown>;

/** The @gitbeaker/rest members these tests use beyond the shared GitbeakerApi type. */
interface RunApi {
  Pipelines: {
    create(projectId: number, ref: string, options?: Json): Promise<Json>;
    allVariables(projectId: number, pipelineId: number): Promise<Json[]>;
  };
  Jobs: {
    all(projectId: number, options: { pipelineId: number }): Promise<Json[]>;
    show(projectId: number, jobId: number): Promise<Json>;
    showLog(projectId: number, jobId: number): Promise<string>;
  };
}

const OPS_ID = 12;

/** What ChatOps `run` does: trigger a pipeline with CHAT_* variables, find the job, read its result. */
describe('FakeGitLab ChatOps run', () => {
  const gitlab = useTestGitLab();
  const client = (token: string = TOKENS.dev) => gitbeaker({ host: gitlab.url, token }) as unknown as RunApi;

  beforeEach(() => {
    gitlab.addProject({
      id: OPS_ID,
      path_with_namespace: 'acme/ops',
      members: {
        [USERS.dev]: AccessLevel.Developer,
        [USERS.reporter]: AccessLevel.Reporter,
        [USERS.owner]: AccessLevel.Maintainer,
      },
      ciJobs: [
        { name: 'lint', stage: 'test' },
        { name: 'uptime', stage: 'chatops' },
      ],
    });
  });

  it('creates the configured jobs, then serves the finished job and its sectioned log', async () => {
    const pipeline = await client().Pipelines.create(OPS_ID, 'main', {
      variables: [
        { key: 'CHAT_INPUT', value: 'web-1' },
        { key: 'CHAT_CHANNEL', value: 'C0123' },
      ],
    });
    const pipelineId = Number(pipeline['id']);
    const jobs = await client().Jobs.all(OPS_ID, { pipelineId });
    expect(jobs.map((j) => [j['name'], j['stage'], j['status']])).toEqual([
      ['lint', 'test', 'created'],
      ['uptime', 'chatops', 'created'],
    ]);
    const jobId = Number(jobs.find((j) => j['name'] === 'uptime')?.['id']);

    const trace = gitlabTrace([{ name: 'step_script', lines: ['$ uptime', ' 10:00:00 up 3 days'] }]);
    gitlab.setJobTrace(jobId, trace);
    gitlab.setJobStatus(jobId, 'success');
    await expect(client().Jobs.show(OPS_ID, jobId)).resolves.toMatchObject({
      id: jobId,
      name: 'uptime',
      status: 'success',
      user: { id: USERS.dev },
      pipeline: { id: pipelineId },
      web_url: `${gitlab.url}/acme/ops/-/jobs/${jobId}`,
    });
    await expect(client().Jobs.showLog(OPS_ID, jobId)).resolves.toBe(trace);
    await expect(client().Pipelines.allVariables(OPS_ID, pipelineId)).resolves.toEqual([
      { variable_type: 'env_var', key: 'CHAT_INPUT', value: 'web-1', raw: false },
      { variable_type: 'env_var', key: 'CHAT_CHANNEL', value: 'C0123', raw: false },
    ]);
  });

  it('guards jobs and pipeline variables like GitLab', async () => {
    const pipeline = await client().Pipelines.create(OPS_ID, 'main', {
      variables: [{ key: 'CHAT_INPUT', value: 'x' }],
    });
    const [job] = gitlab.jobs(Number(pipeline['id']));
    if (job === undefined) throw new Error('pipeline has no job');
    const variablesPath = `/projects/${OPS_ID}/pipelines/${String(pipeline['id'])}/variables`;
    // Developers read the variables of pipelines they triggered; Maintainers read all.
    expect(await api(gitlab.url, 'GET', variablesPath, TOKENS.reporter)).toMatchObject({
      status: 403,
      body: { message: '403 Forbidden' },
    });
    expect((await api(gitlab.url, 'GET', variablesPath, TOKENS.owner)).status).toBe(200);
    expect(await api(gitlab.url, 'GET', `/projects/${OPS_ID}/jobs/${job.id}`, null)).toMatchObject({ status: 401 });
    expect(await api(gitlab.url, 'GET', `/projects/${OPS_ID}/jobs/${job.id}/trace`, TOKENS.reporter)).toMatchObject({
      status: 200,
      body: '',
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/jobs/${job.id}`, TOKENS.owner)).toMatchObject({
      status: 404,
      body: { message: '404 Not found' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${OPS_ID}/jobs/abc`, TOKENS.dev)).toMatchObject({
      status: 400,
      body: { error: 'job_id is invalid' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/jobs/${job.id}`, TOKENS.guest)).toMatchObject({
      status: 403,
    });
  });
});
