import { loadFixture } from '@chatops/test-support/fixtures';
import { deploymentEventSchema } from './deployment-event';
import { issueEventSchema } from './issue-event';
import { mergeRequestEventSchema } from './merge-request-event';
import { noteEventSchema } from './note-event';
import { pipelineEventSchema } from './pipeline-event';
import { pushEventSchema } from './push-event';
import { describeRoutingShapeProblem, payloadProjectId } from './routing-shape';
import { wikiPageEventSchema } from './wiki-page-event';

type Payload = Record<string, unknown>;

interface Schema {
  safeParse(value: unknown): { success: boolean };
}

const CASES: Array<[event: string, fixture: string, schema: Schema]> = [
  ['Push Hook', 'push.json', pushEventSchema],
  ['Tag Push Hook', 'tag_push.json', pushEventSchema],
  ['Issue Hook', 'issue.json', issueEventSchema],
  ['Confidential Issue Hook', 'issue.json', issueEventSchema],
  ['Issue Hook', 'incident_integration_only.json', issueEventSchema],
  ['Merge Request Hook', 'merge_request.json', mergeRequestEventSchema],
  ['Note Hook', 'note_commit.json', noteEventSchema],
  ['Note Hook', 'note_issue.json', noteEventSchema],
  ['Confidential Note Hook', 'note_merge_request.json', noteEventSchema],
  ['Note Hook', 'note_snippet.json', noteEventSchema],
  ['Pipeline Hook', 'pipeline.json', pipelineEventSchema],
  ['Wiki Page Hook', 'wiki_page.json', wikiPageEventSchema],
  ['Deployment Hook', 'deployment.json', deploymentEventSchema],
];

/** Every payload with one field taken out or nulled: the top level, `project`, `object_attributes`. */
function mutations(payload: Payload): Array<[string, Payload]> {
  const out: Array<[string, Payload]> = [];
  const clone = () => structuredClone(payload);
  for (const key of Object.keys(payload)) {
    const without = clone();
    delete without[key];
    out.push([`without ${key}`, without]);
    out.push([`${key}: null`, { ...clone(), [key]: null }]);
    const nested = payload[key];
    if ((key === 'project' || key === 'object_attributes') && nested && typeof nested === 'object') {
      for (const inner of Object.keys(nested)) {
        const copy = clone();
        delete (copy[key] as Payload)[inner];
        out.push([`without ${key}.${inner}`, copy]);
        const nulled = clone();
        (nulled[key] as Payload)[inner] = [];
        out.push([`${key}.${inner}: []`, nulled]);
      }
    }
  }
  return out;
}

describe('describeRoutingShapeProblem', () => {
  it.each(CASES)('accepts GitLab’s %s fixture (%s)', (event, fixture, schema) => {
    const payload = loadFixture(fixture);
    expect(schema.safeParse(payload).success).toBe(true);
    expect(describeRoutingShapeProblem(event, payload)).toBeUndefined();
  });

  it.each(CASES)('never refuses a %s (%s) that its schema accepts', (event, fixture, schema) => {
    let refused = 0;
    for (const [label, payload] of mutations(loadFixture(fixture))) {
      if (describeRoutingShapeProblem(event, payload) === undefined) continue;
      refused++;
      expect({ label, schemaAccepts: schema.safeParse(payload).success }).toEqual({ label, schemaAccepts: false });
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('names everything a Push Hook lacks when the body is something else', () => {
    expect(describeRoutingShapeProblem('Push Hook', { hello: 'world' })).toBe(
      'not a GitLab Push Hook payload: object_kind: required, "push" or "tag_push"; project: required, an object; ' +
        'ref: required, a string; before: required, a string; after: required, a string; user_name: required, a string',
    );
  });

  it('says what a field is instead of what was expected', () => {
    const push = loadFixture('push.json');
    expect(
      describeRoutingShapeProblem('Push Hook', {
        ...push,
        object_kind: 'merge_request',
        project: { ...(push.project as Payload), id: '15' },
        ref: null,
      }),
    ).toBe(
      'not a GitLab Push Hook payload: object_kind: "push" or "tag_push" expected, got "merge_request"; ' +
        'project.id: a number expected, got "15"; ref: a string expected, got null',
    );
    expect(
      describeRoutingShapeProblem('Pipeline Hook', { ...loadFixture('pipeline.json'), object_attributes: [] }),
    ).toBe('not a GitLab Pipeline Hook payload: object_attributes: an object expected, got an array');
  });

  it('requires nothing of events that are not notified', () => {
    expect(describeRoutingShapeProblem('Job Hook', {})).toBeUndefined();
    expect(describeRoutingShapeProblem('Member Hook', { hello: 'world' })).toBeUndefined();
  });
});

describe('payloadProjectId', () => {
  it('reads project.id, else project_id', () => {
    expect(payloadProjectId(loadFixture('push.json'))).toBe(15);
    expect(payloadProjectId(loadFixture('pipeline.json'))).toBe(1);
    expect(payloadProjectId({ project_id: 7 })).toBe(7);
    expect(payloadProjectId({ project: { id: 'x' }, project_id: 7 })).toBe(7);
    expect(payloadProjectId({ group_id: 3 })).toBeUndefined();
    expect(payloadProjectId({ project: null })).toBeUndefined();
  });
});
