import { DEMO } from '../config';
import { isJsonObject, type JsonObject, type JsonValue, mapStrings } from './json';

/** Hosts and projects of GitLab's documented examples (payloads/*.json), which the demo moves onto its own. */
const FIXTURE_ORIGIN =
  /^https?:\/\/(?:example\.com|192\.168\.64\.1:3005|10\.126\.0\.2:3000|gitlab\.example\.com)(?=\/|$)/;
const FIXTURE_PROJECTS = [
  'mike/diaspora',
  'gitlab-org/gitlab-test',
  'gitlabhq/gitlab-test',
  'awesome_space/awesome_project',
  'root/test-deployment-webhooks',
];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;

/** GitLab's two time styles in webhooks: ISO 8601 (`2013-12-03T17:23:34Z`) and `2016-08-12 15:23:28 UTC`. */
export const isoTime = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const utcTime = (at: number): string => `${isoTime(at).replace('T', ' ').replace('Z', '')} UTC`;

/** A time in the style of the one it replaces (a few examples use `… +0200`). */
function timeLike(like: string, at: number): string {
  if (like.includes('T')) return isoTime(at);
  return like.endsWith(' UTC') ? utcTime(at) : `${utcTime(at).slice(0, -4)} +0000`;
}

/** The demo project as a payload's `project` object, with the same keys the example had. */
export function demoProject(example: JsonValue | undefined, gitlabUrl: string): JsonObject {
  const webUrl = `${gitlabUrl}/${DEMO.gitlab.path}`;
  const host = new URL(gitlabUrl).host;
  const values: JsonObject = {
    id: DEMO.gitlab.projectId,
    name: DEMO.gitlab.name,
    description: 'The shop front end and its checkout',
    web_url: webUrl,
    avatar_url: null,
    git_ssh_url: `git@${host}:${DEMO.gitlab.path}.git`,
    git_http_url: `${webUrl}.git`,
    namespace: 'Demo',
    visibility_level: 0,
    path_with_namespace: DEMO.gitlab.path,
    default_branch: DEMO.gitlab.defaultBranch,
    ci_config_path: '',
    homepage: webUrl,
    url: `git@${host}:${DEMO.gitlab.path}.git`,
    ssh_url: `git@${host}:${DEMO.gitlab.path}.git`,
    http_url: `${webUrl}.git`,
  };
  const keys = isJsonObject(example) ? Object.keys(example) : Object.keys(values);
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? null]));
}

/**
 * One of GitLab's examples moved onto the demo project: its links point at the demo's GitLab, its
 * project objects are the demo project's and every time in it is `at`. The event builders then set
 * what the story needs.
 */
export function rewriteExample(example: JsonObject, gitlabUrl: string, at: number): JsonObject {
  const moved = mapStrings(example, (text) => {
    if (TIMESTAMP.test(text)) return timeLike(text, at);
    if (!FIXTURE_ORIGIN.test(text)) return text;
    let url = text.replace(FIXTURE_ORIGIN, gitlabUrl);
    for (const path of FIXTURE_PROJECTS) {
      const from = `${gitlabUrl}/${path}`;
      if (url === from || url.startsWith(`${from}/`) || url.startsWith(`${from}.git`) || url.startsWith(`${from}#`))
        url = `${gitlabUrl}/${DEMO.gitlab.path}${url.slice(from.length)}`;
    }
    return url;
  });
  if (!isJsonObject(moved)) throw new Error('a webhook payload is a JSON object');
  for (const key of ['project', 'repository'] as const) {
    if (key in moved) moved[key] = demoProject(moved[key], gitlabUrl);
  }
  if ('project_id' in moved) moved['project_id'] = DEMO.gitlab.projectId;
  return moved;
}
