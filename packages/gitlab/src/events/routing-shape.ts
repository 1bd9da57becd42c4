/**
 * A cheap check, made where a webhook is accepted, that a payload has the fields routing and the
 * message builders cannot do without, so that a body that is not the named event (say `{"hello":
 * "world"}` as a `Push Hook`) is refused at once instead of failing later in the notifier. It
 * looks up a handful of properties, never the whole schema: the full parse stays in the notifier.
 * It must never refuse what the event's schema accepts (the tests hold it to GitLab's fixtures).
 */

type FieldType = 'string' | 'number' | 'object';

interface Field {
  path: string;
  keys: readonly string[];
  type: FieldType;
}

interface Shape {
  objectKinds: readonly string[];
  fields: readonly Field[];
}

const field = (path: string, type: FieldType): Field => ({ path, keys: path.split('.'), type });

// Every payload a message is built from names its project (projectSchema's required fields).
const PROJECT = [
  field('project', 'object'),
  field('project.id', 'number'),
  field('project.name', 'string'),
  field('project.web_url', 'string'),
  field('project.path_with_namespace', 'string'),
];

const shape = (objectKinds: readonly string[], fields: Field[]): Shape => ({
  objectKinds,
  fields: [...PROJECT, ...fields],
});

const push = shape(
  ['push', 'tag_push'],
  [field('ref', 'string'), field('before', 'string'), field('after', 'string'), field('user_name', 'string')],
);
const issue = shape(
  ['issue', 'work_item', 'incident'],
  [
    field('object_attributes', 'object'),
    field('object_attributes.title', 'string'),
    field('object_attributes.iid', 'number'),
    field('object_attributes.url', 'string'),
  ],
);
const note = shape(
  ['note'],
  [
    field('object_attributes', 'object'),
    field('object_attributes.noteable_type', 'string'),
    field('object_attributes.url', 'string'),
  ],
);

/** By `X-Gitlab-Event`; events without an entry are not notified, so nothing is required of them. */
const SHAPES: Readonly<Record<string, Shape>> = {
  'Push Hook': push,
  'Tag Push Hook': push,
  'Issue Hook': issue,
  'Confidential Issue Hook': issue,
  'Merge Request Hook': shape(
    ['merge_request'],
    [
      field('object_attributes', 'object'),
      field('object_attributes.title', 'string'),
      field('object_attributes.iid', 'number'),
    ],
  ),
  'Note Hook': note,
  'Confidential Note Hook': note,
  'Pipeline Hook': shape(
    ['pipeline'],
    [
      field('object_attributes', 'object'),
      field('object_attributes.id', 'number'),
      field('object_attributes.ref', 'string'),
      field('object_attributes.sha', 'string'),
      field('object_attributes.status', 'string'),
    ],
  ),
  'Wiki Page Hook': shape(
    ['wiki_page'],
    [
      field('object_attributes', 'object'),
      field('object_attributes.url', 'string'),
      field('object_attributes.action', 'string'),
    ],
  ),
  'Deployment Hook': shape(['deployment'], [field('status', 'string'), field('environment', 'string')]),
};

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** What a value is, for a message: `null`, `an array`, `a number`, or a short string quoted. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return article(typeof value);
}

function matches(value: unknown, type: FieldType): boolean {
  return type === 'object'
    ? value !== null && typeof value === 'object' && !Array.isArray(value)
    : typeof value === type;
}

/**
 * What keeps `payload` from being the `eventName` GitLab says it is, on one line naming each
 * missing or mistyped field (`… project.id: required, a number`), or undefined when routing has
 * what it needs. Fields under a missing object are not reported again.
 */
export function describeRoutingShapeProblem(eventName: string, payload: Record<string, unknown>): string | undefined {
  const expected = SHAPES[eventName];
  if (!expected) return undefined;
  const problems: string[] = [];
  const kind = payload.object_kind;
  if (typeof kind !== 'string' || !expected.objectKinds.includes(kind)) {
    const allowed = expected.objectKinds.map((k) => `"${k}"`).join(' or ');
    problems.push(
      kind === undefined
        ? `object_kind: required, ${allowed}`
        : `object_kind: ${allowed} expected, got ${describeValue(kind)}`,
    );
  }
  const missingParents: string[] = [];
  for (const { path, keys, type } of expected.fields) {
    // Checked only once something is missing: this runs on every webhook, and usually nothing is.
    if (missingParents.length > 0 && missingParents.some((parent) => path.startsWith(`${parent}.`))) continue;
    let value: unknown = payload;
    for (const key of keys) value = (value as Record<string, unknown> | undefined)?.[key];
    if (matches(value, type)) continue;
    problems.push(
      value === undefined
        ? `${path}: required, ${article(type)}`
        : `${path}: ${article(type)} expected, got ${describeValue(value)}`,
    );
    missingParents.push(path);
  }
  return problems.length > 0 ? `not a GitLab ${eventName} payload: ${problems.join('; ')}` : undefined;
}

/**
 * The GitLab project a payload is about (`project.id`, else `project_id`), or undefined when it
 * names none (group-level events such as Member Hook).
 */
export function payloadProjectId(payload: Record<string, unknown>): number | undefined {
  const project = payload.project;
  const projectId = project !== null && typeof project === 'object' ? (project as { id?: unknown }).id : undefined;
  if (typeof projectId === 'number') return projectId;
  return typeof payload.project_id === 'number' ? payload.project_id : undefined;
}
