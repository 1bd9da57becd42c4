import { FakeSlack } from '../slack/fake-slack.js';
import { useFake } from './use-fake.js';

export const BOT_TOKEN = 'xoxb-test-token';
export const TEAM_ID = 'T0TEAM0001';
export const BOT_USER = 'U0BOT00001';

/** One workspace with a public channel, a private channel the bot is in and one it is not in. */
export function addTestWorkspace(slack: FakeSlack): void {
  slack.addWorkspace({
    teamId: TEAM_ID,
    teamName: 'Acme',
    botToken: BOT_TOKEN,
    botUserId: BOT_USER,
    users: [
      { id: 'U0ALICE001', name: 'alice', email: 'alice@example.com' },
      { id: 'U0BOB00001', name: 'bob' },
    ],
    channels: [
      { id: 'C0GENERAL1', name: 'general' },
      { id: 'C0OPS00001', name: 'ops', isPrivate: true, members: [BOT_USER, 'U0ALICE001'] },
      { id: 'C0SECRET01', name: 'secret', isPrivate: true, members: ['U0ALICE001'] },
    ],
  });
}

/** A fake Slack for one describe block: started once, reset to the test workspace before each test. */
export function useTestSlack(slack: FakeSlack = new FakeSlack()): FakeSlack {
  return useFake(slack, addTestWorkspace);
}

export type ApiAnswer = { status: number; body: Record<string, unknown>; headers: Headers };

/** Calls the Web API the way WebClient does: form-encoded, token in the Authorization header (null: none). */
export async function callForm(
  url: string,
  method: string,
  params: Record<string, string>,
  token: string | null = BOT_TOKEN,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(`${url}/api/${method}`, { method: 'POST', headers, body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export async function callJson(
  url: string,
  method: string,
  params: Record<string, unknown>,
  token: string = BOT_TOKEN,
): Promise<ApiAnswer> {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}
