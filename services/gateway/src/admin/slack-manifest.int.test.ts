import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';

/** The golden manifest, generated for the harness's PUBLIC_URL (https://chatops.example.com). */
const golden = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../test/fixtures/slack/manifest.chatops.example.com.json'), 'utf8'),
) as unknown;

describe('admin API: the Slack app manifest', () => {
  let harness: AdminHarness;

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('answers the manifest generated from PUBLIC_URL', async () => {
    const response = await harness.call('GET', '/api/v1/slack/manifest');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.json()).toEqual(golden);
  });

  it('answers it as slack_manifest.json with ?download=1', async () => {
    const response = await harness.call('GET', '/api/v1/slack/manifest?download=1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="slack_manifest.json"');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(golden);
    expect((await harness.call('GET', '/api/v1/slack/manifest?download=maybe')).statusCode).toBe(400);
  });

  it("answers Slack's link that creates the app from it", async () => {
    const { url } = (await harness.call('GET', '/api/v1/slack/manifest/share-url')).json<{ url: string }>();
    expect(url).toBe(
      `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(golden))}`,
    );
  });

  it('needs the admin token', async () => {
    expect((await harness.call('GET', '/api/v1/slack/manifest', { token: null })).statusCode).toBe(401);
    expect((await harness.call('GET', '/api/v1/slack/manifest/share-url', { token: null })).statusCode).toBe(401);
  });
});
