import { type FastifyInstance } from 'fastify';
import { MattermostError } from '../app-error.js';
import { type MattermostState } from '../mattermost-state.js';
import { requireUser } from './auth.js';
import { channelJson, teamJson, userJson } from './serializers.js';

/** Who am I, my teams, one team, one channel, logout. */
export function registerUserAndTeamRoutes(app: FastifyInstance, state: MattermostState): void {
  app.get('/api/v4/users/me', async (request) => userJson(requireUser(state, request)));

  app.get('/api/v4/users/me/teams', async (request) => {
    const user = requireUser(state, request);
    return [...state.teams.values()].filter((team) => user.teamIds.has(team.id)).map(teamJson);
  });

  app.get<{ Params: { id: string } }>('/api/v4/users/:id', async (request) => {
    requireUser(state, request);
    const user = state.users.get(request.params.id);
    if (user === undefined) throw new MattermostError('app.user.missing_account.const', 404);
    return userJson(user);
  });

  app.get<{ Params: { id: string } }>('/api/v4/teams/:id', async (request) => {
    const user = requireUser(state, request);
    const team = state.teams.get(request.params.id);
    if (team === undefined) throw new MattermostError('app.team.get.find.app_error', 404);
    // Non-members may only see teams open to everyone.
    if (!user.teamIds.has(team.id) && team.type !== 'O' && !state.hasRole(user.id, 'system_admin'))
      throw MattermostError.permission();
    return teamJson(team);
  });

  app.get<{ Params: { id: string } }>('/api/v4/channels/:id', async (request) => {
    const user = requireUser(state, request);
    const channel = state.channels.get(request.params.id);
    // Mattermost checks permissions first, so unknown channels look forbidden to ordinary users.
    if (channel === undefined) {
      if (state.hasRole(user.id, 'system_admin')) throw new MattermostError('app.channel.get.existing.app_error', 404);
      throw MattermostError.permission();
    }
    if (!state.canRead(user.id, channel)) throw MattermostError.permission();
    return channelJson(channel);
  });

  // Personal access and bot tokens outlive logout: it only ends the session the token opened.
  app.post('/api/v4/users/logout', async () => ({ status: 'OK' }));
}
