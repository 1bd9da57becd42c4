import {
  deploymentEventSchema,
  eventKindOf,
  issueEventSchema,
  mergeRequestEventSchema,
  noteEventSchema,
  pipelineEventSchema,
  pushEventSchema,
} from '@chatops/gitlab';
import { DEMO_EVENTS, findEvent } from './catalog';
import { type JsonObject } from './json';
import { newStory } from './story';

const GITLAB = 'http://127.0.0.1:3013';
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

const SCHEMAS = {
  push: pushEventSchema,
  merge_request: mergeRequestEventSchema,
  pipeline: pipelineEventSchema,
  note: noteEventSchema,
  issue: issueEventSchema,
  deployment: deploymentEventSchema,
} as const;

async function build(name: string, story = newStory(1, NOW)): Promise<JsonObject> {
  const event = findEvent(name);
  if (event === undefined) throw new Error(name);
  return event.build({ story, gitlabUrl: GITLAB, now: NOW }, { createIssue: async () => 7 });
}

describe('the demo events', () => {
  it.each(DEMO_EVENTS.map((event) => [event.name, event.header]))(
    '%s is a valid %s payload of the demo project, with no trace of the examples it came from',
    async (name, header) => {
      const payload = await build(name);
      const kind = eventKindOf(header, payload);
      expect(kind).toBeDefined();
      const schema = SCHEMAS[kind as keyof typeof SCHEMAS];
      expect(schema.safeParse(payload).success).toBe(true);
      const text = JSON.stringify(payload);
      expect(text).not.toMatch(/example\.com\/(mike|gitlab-org|gitlabhq|awesome_space|root)\/|192\.168\.|10\.126\./);
      expect(text).not.toMatch(/"(20(1\d|21))-\d\d-\d\d/);
      expect((payload['project'] as JsonObject)['web_url']).toBe(`${GITLAB}/demo/project`);
    },
  );

  it('keeps one pipeline and one merge request through a story, so the card is edited and the comment threads', async () => {
    const story = newStory(3, NOW);
    const [running, failed, fixed, opened, comment] = await Promise.all([
      build('pipeline-running', story),
      build('pipeline-failed', story),
      build('pipeline-fixed', story),
      build('mr-opened', story),
      build('comment', story),
    ]);
    const pipeline = (p: JsonObject | undefined) => p?.['object_attributes'] as JsonObject;
    expect([running, failed, fixed].map((p) => [pipeline(p)['id'], pipeline(p)['status']])).toEqual([
      [7103, 'running'],
      [7103, 'failed'],
      [7103, 'success'],
    ]);
    expect((opened?.['object_attributes'] as JsonObject)['iid']).toBe(13);
    expect((comment?.['merge_request'] as JsonObject)['iid']).toBe(13);
    expect((failed?.['builds'] as JsonObject[]).filter((b) => b['status'] === 'failed').map((b) => b['name'])).toEqual([
      'e2e-checkout',
    ]);
  });

  it('opens the issue in the demo GitLab first and announces that issue', async () => {
    const story = newStory(1, NOW);
    const payload = await build('issue', story);
    expect(story.issueIid).toBe(7);
    expect(payload['object_attributes']).toMatchObject({
      iid: 7,
      url: `${GITLAB}/demo/project/-/issues/7`,
      action: 'open',
    });
  });
});
