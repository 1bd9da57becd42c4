import { FakeGitLab } from '../gitlab/fake-gitlab.js';
import { AccessLevel } from '../gitlab/types.js';
import { useFake } from './use-fake.js';

export const TOKENS = {
  owner: 'glpat-owner',
  dev: 'glpat-dev',
  reporter: 'glpat-reporter',
  guest: 'glpat-guest',
  outsider: 'glpat-outsider',
  blocked: 'glpat-blocked',
} as const;
export const USERS = { owner: 1, dev: 2, reporter: 3, guest: 4, outsider: 5, blocked: 6 } as const;
/** A private project with one member per role, and a public one owned by the same owner. */
export const PRIVATE_ID = 10;
export const PUBLIC_ID = 11;

export function addTestInstance(gitlab: FakeGitLab): void {
  for (const [role, id] of Object.entries(USERS)) {
    const token = TOKENS[role as keyof typeof TOKENS];
    gitlab.addUser({
      id,
      username: role,
      name: `${role[0]?.toUpperCase()}${role.slice(1)} User`,
      tokens: [token],
      state: role === 'blocked' ? 'blocked' : 'active',
    });
  }
  gitlab.addProject({
    id: PRIVATE_ID,
    path_with_namespace: 'acme/backend',
    name: 'backend',
    default_branch: 'main',
    visibility: 'private',
    members: {
      [USERS.owner]: AccessLevel.Owner,
      [USERS.dev]: AccessLevel.Developer,
      [USERS.reporter]: AccessLevel.Reporter,
      [USERS.guest]: AccessLevel.Guest,
      [USERS.blocked]: AccessLevel.Developer,
    },
  });
  gitlab.addProject({
    id: PUBLIC_ID,
    path_with_namespace: 'acme/docs',
    name: 'docs',
    default_branch: 'main',
    visibility: 'public',
    members: { [USERS.owner]: AccessLevel.Owner },
  });
}

/**
 * A fake GitLab for one test file: started before its tests, stopped after them, and back to the
 * test instance before each test (a file's own beforeEach runs after this one).
 */
export function useTestGitLab(gitlab: FakeGitLab = new FakeGitLab()): FakeGitLab {
  return useFake(gitlab, addTestInstance);
}

export type GitLabAnswer = { status: number; body: unknown; headers: Headers };

/** A raw API call with a PRIVATE-TOKEN (null: anonymous). */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: Record<string, unknown>,
): Promise<GitLabAnswer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers['private-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api/v4${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: isJson ? (JSON.parse(text) as unknown) : text, headers: res.headers };
}
