import { gitbeaker } from '../test-support/real-clients.js';
import { api, PRIVATE_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';

type Json = Record<string, unknown>;

/** The @gitbeaker/rest members these tests use beyond the shared GitbeakerApi type. */
interface DeployApi {
  Environments: {
    all(projectId: number, options?: Json): Promise<Json[]>;
    show(projectId: number, environmentId: number): Promise<Json>;
  };
  Deployments: { all(projectId: number, options?: Json): Promise<Json[]> };
  Jobs: {
    play(projectId: number, jobId: number): Promise<Json>;
    show(projectId: number, jobId: number): Promise<Json>;
  };
}

/** What `/deploy` sees: staging deployed by a finished job, production waiting on a manual job. */
describe('FakeGitLab environments, deployments and manual jobs', () => {
  const gitlab = useTestGitLab();
  const client = (token: string = TOKENS.dev) => gitbeaker({ host: gitlab.url, token }) as unknown as DeployApi;

  function deployPipeline() {
    gitlab.addEnvironment(PRIVATE_ID, { name: 'staging', externalUrl: 'https://staging.example.com' });
    const pipeline = gitlab.addPipeline(PRIVATE_ID, { userId: USERS.dev, status: 'success' });
    const staging = gitlab.addJob(pipeline.id, {
      name: 'deploy-staging',
      stage: 'deploy',
      status: 'success',
      environment: 'staging',
    });
    const production = gitlab.addJob(pipeline.id, {
      name: 'deploy-production',
      stage: 'deploy',
      when: 'manual',
      environment: 'production',
    });
    return { pipeline, staging, production };
  }

  it('lists environments and shows one with its last successful deployment', async () => {
    const { pipeline, staging } = deployPipeline();
    const [stagingEnv, productionEnv] = gitlab.environments(PRIVATE_ID);
    if (stagingEnv === undefined || productionEnv === undefined) throw new Error('environments missing');
    const all = await client().Environments.all(PRIVATE_ID);
    expect(all).toMatchObject([
      {
        name: 'staging',
        slug: 'staging',
        external_url: 'https://staging.example.com',
        tier: 'staging',
        state: 'available',
        project: { id: PRIVATE_ID, path_with_namespace: 'acme/backend' },
      },
      { name: 'production', external_url: null, tier: 'production' },
    ]);
    expect(all[0]).not.toHaveProperty('last_deployment');
    await expect(client().Environments.all(PRIVATE_ID, { name: 'production' })).resolves.toMatchObject([
      { id: productionEnv.id },
    ]);
    await expect(client().Environments.all(PRIVATE_ID, { search: 'STAG' })).resolves.toMatchObject([
      { id: stagingEnv.id },
    ]);
    await expect(client().Environments.all(PRIVATE_ID, { states: 'stopped' })).resolves.toEqual([]);

    const shown = await client().Environments.show(PRIVATE_ID, stagingEnv.id);
    expect(shown).toMatchObject({
      name: 'staging',
      last_deployment: {
        iid: 1,
        status: 'success',
        ref: 'main',
        sha: pipeline.sha,
        user: { id: USERS.dev },
        deployable: {
          id: staging.id,
          name: 'deploy-staging',
          status: 'success',
          pipeline: { id: pipeline.id, ref: 'main' },
        },
      },
    });
    expect(shown).not.toHaveProperty('project');
    expect(shown['last_deployment']).not.toHaveProperty('environment');
    await expect(client().Environments.show(PRIVATE_ID, productionEnv.id)).resolves.toMatchObject({
      last_deployment: null,
    });
  });

  it('lists deployments with filters, GitLab ordering and the deploy job', async () => {
    const { production } = deployPipeline();
    const deployments = await client().Deployments.all(PRIVATE_ID);
    expect(deployments.map((d) => [d['iid'], (d['environment'] as Json)['name'], d['status']])).toEqual([
      [1, 'staging', 'success'],
      [2, 'production', 'blocked'],
    ]);
    await expect(
      client().Deployments.all(PRIVATE_ID, { environment: 'production', status: 'blocked' }),
    ).resolves.toMatchObject([
      {
        deployable: {
          id: production.id,
          name: 'deploy-production',
          status: 'manual',
          pipeline: { id: production.pipelineId },
        },
      },
    ]);
    const desc = await client().Deployments.all(PRIVATE_ID, { orderBy: 'id', sort: 'desc' });
    expect(desc.map((d) => d['iid'])).toEqual([2, 1]);
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/deployments?status=done`, TOKENS.dev)).toMatchObject({
      status: 400,
      body: { error: 'status does not have a valid value' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/deployments?per_page=1`, TOKENS.dev)).toMatchObject({
      status: 200,
      body: [{ iid: 1 }],
    });
  });

  it('plays a manual deploy job; its deployment follows the job as a runner moves it', async () => {
    const { staging, production } = deployPipeline();
    const played = await client().Jobs.play(PRIVATE_ID, production.id);
    expect(played).toMatchObject({
      id: production.id,
      status: 'pending',
      user: { id: USERS.dev },
      web_url: `${gitlab.url}/acme/backend/-/jobs/${production.id}`,
    });
    expect(gitlab.requests.at(-1)).toMatchObject({
      method: 'POST',
      route: '/api/v4/projects/:id/jobs/:jobId/play',
      userId: USERS.dev,
    });
    // GitLab keeps the deployment blocked until a runner picks the job up.
    expect(gitlab.deployments(PRIVATE_ID).map((d) => d.status)).toEqual(['success', 'blocked']);
    gitlab.setJobStatus(production.id, 'running');
    expect(gitlab.deployments(PRIVATE_ID)[1]?.status).toBe('running');
    gitlab.setJobStatus(production.id, 'success');
    const env = gitlab.environments(PRIVATE_ID).find((e) => e.name === 'production');
    await expect(client().Environments.show(PRIVATE_ID, env?.id ?? 0)).resolves.toMatchObject({
      last_deployment: { status: 'success', deployable: { id: production.id } },
    });
    await expect(client().Jobs.show(PRIVATE_ID, production.id)).resolves.toMatchObject({
      status: 'success',
      finished_at: expect.any(String),
    });

    await expect(client().Jobs.play(PRIVATE_ID, staging.id)).rejects.toMatchObject({
      message: '400 Bad request - Unplayable Job',
      cause: { response: { status: 400 } },
    });
  });

  it('applies GitLab permissions to environments, deployments and play', async () => {
    const { production } = deployPipeline();
    expect(
      await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/jobs/${production.id}/play`, TOKENS.reporter),
    ).toMatchObject({ status: 403, body: { message: '403 Forbidden' } });
    expect(gitlab.job(production.id).status).toBe('manual');
    expect(await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/jobs/999999/play`, TOKENS.dev)).toMatchObject({
      status: 404,
      body: { message: '404 Not found' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/environments`, TOKENS.guest)).toMatchObject({
      status: 403,
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/deployments`, TOKENS.reporter)).toMatchObject({
      status: 200,
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/deployments`, null)).toMatchObject({
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/environments`, TOKENS.outsider)).toMatchObject({
      status: 404,
      body: { message: '404 Project Not Found' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/environments?search=st`, TOKENS.dev)).toMatchObject({
      status: 400,
      body: { message: '400 Bad request - Search query is less than 3 characters' },
    });
    expect(
      await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/environments?name=staging&search=sta`, TOKENS.dev),
    ).toMatchObject({ status: 400, body: { error: 'name, search cannot be used together' } });
  });
});
