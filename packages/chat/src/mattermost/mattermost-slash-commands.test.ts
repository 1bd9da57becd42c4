import { createServer } from 'node:http';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { FakeMattermost, freePort } from '@chatops/testing';
import { ChatProviderError } from '../chat-provider-error';
import {
  CANNOT_PARSE_RESPONSE,
  type MattermostCommandSpec,
  MattermostSlashCommands,
  UNDEFINED_ERROR,
} from './mattermost-slash-commands';

const TEAM = 'teamaaaaaaaaaaaaaaaaaaaaaa';
const OTHER_TEAM = 'teambbbbbbbbbbbbbbbbbbbbbb';

const spec = (overrides: Partial<MattermostCommandSpec> = {}): MattermostCommandSpec => ({
  teamId: TEAM,
  trigger: 'backend',
  url: 'https://chatops.example.com/mattermost/commands',
  method: 'P',
  username: 'GitLab',
  iconUrl: 'https://chatops.example.com/assets/mattermost-icon.png',
  displayName: 'GitLab / backend',
  description: 'Perform common operations on: backend',
  autoComplete: true,
  autoCompleteDesc: 'Perform common operations on: backend',
  autoCompleteHint: '[help]',
  ...overrides,
});

/** The failure a promise rejects with, for assertions on its fields. */
async function failure(promise: Promise<unknown>): Promise<ChatProviderError> {
  const error: unknown = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ChatProviderError)) throw error;
  return error;
}

describe('MattermostSlashCommands against the fake Mattermost', () => {
  const mm = new FakeMattermost();
  const outbound = new OutboundGuard(OutboundPolicy.from('127.0.0.1'));
  const api = new MattermostSlashCommands({ outbound, timeoutMs: 2000 });
  const access = (token: string) => ({ serverUrl: mm.url, token });

  beforeAll(() => mm.start());
  afterAll(async () => {
    await mm.stop();
    await outbound.close();
  });
  beforeEach(() => {
    mm.reset();
    mm.addTeam({ id: TEAM, name: 'acme', displayName: 'Acme' });
    mm.addTeam({ id: OTHER_TEAM, name: 'other', type: 'I' });
    mm.addUser({
      id: 'adminaaaaaaaaaaaaaaaaaaaaa',
      username: 'admin',
      token: 'admin-pat',
      teamIds: [TEAM],
      teamAdminIds: [TEAM],
    });
    mm.addUser({ id: 'aliceaaaaaaaaaaaaaaaaaaaaa', username: 'alice', token: 'alice-pat', teamIds: [TEAM] });
  });

  it("lists the token's teams", async () => {
    await expect(api.teams(access('admin-pat'))).resolves.toEqual([
      { id: TEAM, name: 'acme', displayName: 'Acme', type: 'O' },
    ]);
  });

  it('creates a command with every field GitLab sends, and deletes it', async () => {
    const created = await api.create(access('admin-pat'), spec());
    const [stored] = mm.commands(TEAM);
    expect(created).toEqual({ id: stored?.id, token: stored?.token, teamId: TEAM, trigger: 'backend' });
    expect(stored).toMatchObject({
      trigger: 'backend',
      url: 'https://chatops.example.com/mattermost/commands',
      method: 'P',
      username: 'GitLab',
      icon_url: 'https://chatops.example.com/assets/mattermost-icon.png',
      display_name: 'GitLab / backend',
      description: 'Perform common operations on: backend',
      auto_complete: true,
      auto_complete_desc: 'Perform common operations on: backend',
      auto_complete_hint: '[help]',
    });
    await expect(api.delete(access('admin-pat'), created.id)).resolves.toBe('deleted');
    await expect(api.delete(access('admin-pat'), created.id)).resolves.toBe('missing');
  });

  it("says why Mattermost refused, in Mattermost's words", async () => {
    await api.create(access('admin-pat'), spec());
    const taken = await failure(api.create(access('admin-pat'), spec({ trigger: 'Backend' })));
    expect([taken.code, taken.providerError, taken.providerHttpStatus, taken.detail]).toEqual([
      'chat_rejected',
      'api.command.duplicate_trigger.app_error',
      400,
      'This trigger word is already in use. Please choose another word.',
    ]);
    const denied = await failure(api.create(access('alice-pat'), spec({ trigger: 'other' })));
    expect([denied.providerHttpStatus, denied.detail]).toEqual([403, 'You do not have the appropriate permissions.']);
    const revoked = await failure(api.teams(access('revoked')));
    expect([revoked.providerHttpStatus, revoked.detail]).toEqual([
      401,
      'Invalid or expired session, please login again.',
    ]);
    mm.failNext('POST /api/v4/commands', 1, { status: 503 });
    const down = await failure(api.create(access('admin-pat'), spec({ trigger: 'other' })));
    expect([down.code, down.retryable, down.providerHttpStatus]).toEqual(['chat_unavailable', true, 503]);
  });

  it("uses GitLab's texts for answers that are not Mattermost's, and names an unreachable server", async () => {
    const server = createServer((request, response) => {
      if (request.url?.includes('/users/me/teams')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"not":"a list"}');
      } else {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html>Bad gateway</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const proxy = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      expect((await failure(api.teams({ serverUrl: proxy, token: 't' }))).detail).toBe(CANNOT_PARSE_RESPONSE);
      expect((await failure(api.create({ serverUrl: proxy, token: 't' }, spec()))).detail).toBe(UNDEFINED_ERROR);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await failure(api.create({ serverUrl: closed, token: 't' }, spec()));
    expect(unreachable.providerError).toBe('unreachable');
    expect(unreachable.detail).toMatch(new RegExp(`^Could not reach Mattermost at ${closed}: .*ECONNREFUSED`));
  });

  it('connects to no internal address OUTBOUND_ALLOWED_HOSTS does not allow', async () => {
    const strict = new OutboundGuard(OutboundPolicy.strict());
    try {
      const refused = await failure(new MattermostSlashCommands({ outbound: strict }).teams(access('admin-pat')));
      expect([refused.code, refused.providerError]).toEqual(['chat_rejected', 'outbound_refused']);
      expect(refused.detail).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
      expect(mm.requestCount()).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
