import { randomBytes } from 'node:crypto';
import { DEMO } from '../config';
import { type JsonObject } from './json';

/**
 * One run of the scripted sequence: a branch is pushed, its merge request opened, its pipeline
 * fails and is fixed, someone comments, an issue is filed and main is deployed. The ids are new
 * for every story, so each replay makes its own threads and its own pipeline card.
 */
export interface Story {
  n: number;
  branch: string;
  before: string;
  commits: Array<{ sha: string; title: string; body: string; author: DemoPerson }>;
  mergeRequest: { id: number; iid: number; title: string; description: string };
  pipeline: { id: number; iid: number; createdAt: number };
  deployment: { id: number; jobId: number; sha: string };
  /** Set once the issue event has created the issue in the demo's GitLab. */
  issueIid: number | undefined;
}

export interface DemoPerson {
  id: number;
  name: string;
  username: string;
}

export const PEOPLE = {
  alex: DEMO.gitlab.users.alex,
  sam: DEMO.gitlab.users.sam,
} as const satisfies Record<string, DemoPerson>;

const sha = () => randomBytes(20).toString('hex');

export function newStory(n: number, now: number): Story {
  return {
    n,
    branch: 'feature/checkout-retry',
    before: sha(),
    commits: [
      {
        sha: sha(),
        title: 'Retry a declined card payment once before giving up',
        body: 'Card networks decline about 1% of first attempts that succeed a second later.',
        author: PEOPLE.sam,
      },
      { sha: sha(), title: 'Re-enable the checkout button after a failure', body: '', author: PEOPLE.sam },
    ],
    mergeRequest: {
      id: 5000 + n,
      iid: 10 + n,
      title: 'Checkout: retry declined payments once',
      description: 'Retries a declined card payment once and re-enables the button after a failure. Closes #1.',
    },
    pipeline: { id: 7100 + n, iid: 300 + n, createdAt: now },
    deployment: { id: 90 + n, jobId: 88000 + n * 10, sha: sha() },
    issueIid: undefined,
  };
}

/** A user as GitLab's webhook payloads carry one. */
export function personJson(person: DemoPerson): JsonObject {
  return {
    id: person.id,
    name: person.name,
    username: person.username,
    avatar_url: null,
    email: `${person.username}@example.com`,
  };
}

/** A project label as GitLab's webhook payloads carry one. */
export function labelJson(id: number, title: string, color: string, at: string): JsonObject {
  return {
    id,
    title,
    color,
    project_id: DEMO.gitlab.projectId,
    created_at: at,
    updated_at: at,
    template: false,
    description: null,
    type: 'ProjectLabel',
    group_id: null,
  };
}
