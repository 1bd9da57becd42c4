import { FakeMattermost } from '../mattermost/fake-mattermost.js';
import { useFake } from './use-fake.js';

export const BOT_TOKEN = 'mm-bot-token';
export const ALICE_TOKEN = 'mm-alice-token';
export const ADMIN_TOKEN = 'mm-team-admin-token';
export const TEAM = 'teamaaaaaaaaaaaaaaaaaaaaaa';
export const BOT = 'botuseraaaaaaaaaaaaaaaaaaa';
export const ALICE = 'aliceaaaaaaaaaaaaaaaaaaaaa';
export const ADMIN = 'teamadminaaaaaaaaaaaaaaaaa';
export const TOWN = 'townsquareaaaaaaaaaaaaaaaa';
export const OPS = 'opsprivateaaaaaaaaaaaaaaaa';
export const SECRET = 'secretaaaaaaaaaaaaaaaaaaaa';

/**
 * A team with a bot in the public and one private channel, a private channel it is not in, a
 * member (alice) and a team admin (who may manage slash commands).
 */
export function addTestServer(mm: FakeMattermost): void {
  mm.addTeam({ id: TEAM, name: 'acme', displayName: 'Acme' });
  mm.addUser({ id: BOT, username: 'chatops', token: BOT_TOKEN, teamIds: [TEAM], isBot: true });
  mm.addUser({ id: ALICE, username: 'alice', token: ALICE_TOKEN, teamIds: [TEAM] });
  mm.addUser({ id: ADMIN, username: 'admin', token: ADMIN_TOKEN, teamIds: [TEAM], teamAdminIds: [TEAM] });
  mm.addChannel({ id: TOWN, teamId: TEAM, name: 'town-square', type: 'O', members: [BOT, ALICE] });
  mm.addChannel({ id: OPS, teamId: TEAM, name: 'ops', type: 'P', members: [BOT] });
  mm.addChannel({ id: SECRET, teamId: TEAM, name: 'secret', type: 'P', members: [ALICE] });
}

/** A fake Mattermost for one describe block: started once, reset to the test server before each test. */
export function useTestMattermost(mm: FakeMattermost = new FakeMattermost()): FakeMattermost {
  return useFake(mm, addTestServer);
}
