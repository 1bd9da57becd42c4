import { type ChatPlatform } from '@chatops/chat';
import {
  type ChatIdentity,
  type ChatIdentityInput,
  type Db,
  findChatIdentity,
  saveChatIdentity,
  type SecretBox,
} from '@chatops/db';
import { type FakeGitLab } from '@chatops/testing';
import { chatUser, TEAM } from './fake-chats';

/*
 * The people a worker service's harness acts as, one per role: a GitLab account with a personal
 * access token, and a chat user in each fake chat. Each harness names its own roles (what it tests
 * differs: an outsider, a reporter); accounts, tokens and links are made alike for all of them.
 */

/** A role's GitLab account. */
export interface RoleUser {
  id: number;
  username: string;
  name: string;
}

/** A harness's roles, each with its GitLab account. */
export type RoleTable<R extends string> = Record<R, RoleUser>;

/** The role's personal access token in the fake GitLab. */
export const personalToken = (role: string) => `glpat-${role}`;

/** Adds every role's account, with its personal access token, to the fake GitLab. */
export function addGitLabUsers<R extends string>(gitlab: FakeGitLab, users: RoleTable<R>): void {
  for (const [role, user] of Object.entries<RoleUser>(users))
    gitlab.addUser({ ...user, tokens: [personalToken(role)] });
}

/** Who a link joins: the role's chat user (in the one team of each chat) and its GitLab account. */
export function linkedAccounts<R extends string>(
  users: RoleTable<R>,
  provider: ChatPlatform,
  role: R,
): Omit<ChatIdentityInput, 'accessToken' | 'refreshToken' | 'tokenExpiresAt'> {
  return {
    provider,
    teamId: TEAM[provider],
    chatUserId: chatUser(provider, role),
    gitlabUserId: users[role].id,
    gitlabUsername: users[role].username,
  };
}

/** Links a role's chat user with its personal access token (no refresh token, no expiry). */
export function linkWithPersonalToken<R extends string>(
  db: Db,
  box: SecretBox,
  users: RoleTable<R>,
  provider: ChatPlatform,
  role: R,
): Promise<ChatIdentity> {
  return saveChatIdentity(db, box, {
    ...linkedAccounts(users, provider, role),
    accessToken: personalToken(role),
    refreshToken: null,
    tokenExpiresAt: null,
  });
}

/** The identity a role's chat user is linked with, if any. */
export function findLinkedIdentity(db: Db, provider: ChatPlatform, role: string): Promise<ChatIdentity | null> {
  return findChatIdentity(db, { provider, teamId: TEAM[provider], chatUserId: chatUser(provider, role) });
}

/** A raw GitLab REST call as a role (setting up issues etc.). */
export async function gitlabApiAs(
  gitlabUrl: string,
  role: string,
  method: string,
  path: string,
  body?: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${gitlabUrl}/api/v4${path}`, {
    method,
    headers: { 'private-token': personalToken(role), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
