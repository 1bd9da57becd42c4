import { SecretBox } from '@chatops/db';
import { createLogger } from '@chatops/observability';
import { GitLabClient } from '@chatops/gitlab';
import { FakeGitLab } from '@chatops/testing';
import { loadFixture } from '@chatops/test-support/fixtures';
import { PipelineEnricher, type PipelineEnricherOptions } from './pipeline-enricher';

const box = new SecretBox(Buffer.alloc(32, 3));
const token = box.seal('glpat-reader');
const payload = loadFixture('pipeline.json');
const logger = createLogger({ service: 'test', level: 'silent' });

function enricher(overrides: Partial<PipelineEnricherOptions> = {}) {
  return new PipelineEnricher({
    box,
    logger,
    gitlab: new GitLabClient({ url: 'https://gitlab.example.com' }),
    timeoutMs: 200,
    ttlMs: 1000,
    ...overrides,
  });
}

describe('PipelineEnricher', () => {
  it('asks GitLab with the project token, once per pipeline and status', async () => {
    const fetchDetails = jest.fn(async () => ({
      commitTitle: 'Full title',
      yamlErrors: 'jobs:test config should contain script',
    }));
    const e = enricher({ fetchDetails });
    expect(await e.extras(payload, token)).toEqual({
      commitTitle: 'Full title',
      yamlErrors: 'jobs:test config should contain script',
    });
    expect(await e.extras(payload, token)).toEqual({
      commitTitle: 'Full title',
      yamlErrors: 'jobs:test config should contain script',
    });
    expect(fetchDetails).toHaveBeenCalledTimes(1);
    expect(fetchDetails).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://gitlab.example.com' }),
      expect.objectContaining({
        token: 'glpat-reader',
        projectId: 1,
        pipelineId: 31,
      }),
    );
  });

  it('degrades to nothing without a token, on errors and on timeouts', async () => {
    const never = jest.fn(() => new Promise<never>(() => undefined));
    expect(await enricher({ fetchDetails: never }).extras(payload, null)).toEqual({});
    expect(never).not.toHaveBeenCalled();
    const started = Date.now();
    expect(await enricher({ fetchDetails: never }).extras(payload, token)).toEqual({});
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      await enricher({ fetchDetails: async () => Promise.reject(new Error('500')) }).extras(payload, token),
    ).toEqual({});
    expect(await enricher({ fetchDetails: jest.fn() }).extras({ object_kind: 'pipeline' }, token)).toEqual({});
  });

  it('asks the GitLab of the project URL when none is configured', async () => {
    const fetchDetails = jest.fn(async () => ({}));
    await enricher({ gitlab: null, fetchDetails }).extras(payload, token);
    expect(fetchDetails).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'http://192.168.64.1:3005' }),
      expect.anything(),
    );
  });

  it('reads YAML errors and the commit title from a GitLab REST API (the fake, over HTTP)', async () => {
    const gitlab = new FakeGitLab();
    const { url } = await gitlab.start();
    try {
      gitlab.addUser({ id: 7, username: 'reader', name: 'Reader', tokens: ['glpat-reader'] });
      gitlab.addProject({ id: 1, path_with_namespace: 'mike/diaspora', visibility: 'private', members: { 7: 40 } });
      const created = (await (
        await fetch(`${url}/api/v4/projects/1/pipeline`, {
          method: 'POST',
          headers: { 'private-token': 'glpat-reader', 'content-type': 'application/json' },
          body: '{"ref":"main"}',
        })
      ).json()) as { id: number; sha: string };
      gitlab.setPipelineStatus(created.id, 'failed', { yamlErrors: 'jobs:test config should contain script' });
      const event = {
        ...payload,
        object_attributes: { ...(payload.object_attributes as object), id: created.id, sha: created.sha },
        commit: { ...(payload.commit as object), id: created.sha },
      };
      const extras = await enricher({ gitlab: new GitLabClient({ url }), timeoutMs: 5000 }).extras(event, token);
      expect(extras.yamlErrors).toBe('jobs:test config should contain script');
      expect(typeof extras.commitTitle).toBe('string');
    } finally {
      await gitlab.stop();
    }
  });
});
