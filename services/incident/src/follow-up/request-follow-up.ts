import { findIncidentByChannel } from '@chatops/db';
import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';
import { linkedUser } from '../linked-user';
import { tell } from '../tell';
import { actOnIncident, answerFailure } from './act-on-incident';
import { type FollowUpIncident, incidentFromRecord } from './follow-up-incident';
import { noOpenIncidentsReply } from './follow-up-replies';
import { type FollowUpRequest } from './follow-up-request';
import { incidentChooser } from './incident-chooser';
import { openIncidents } from './open-incidents';

type FollowUpRequested = Extract<IncidentAction, { kind: 'follow_up_requested' }>;

/**
 * `/gitlab incident comment <text>`, `incident timeline <text>`, `incident close`: in an
 * incident's own channel it is done to that incident at once. Anywhere else the user is asked
 * which of their open incidents (most recent first) with one button each, even when there is
 * only one: the command names no incident, GitLab's documentation has Slack "asking you to
 * confirm", and a comment or a close landing on an incident the user did not have in mind
 * cannot be taken back quietly. The question is remembered until a click answers it.
 */
export async function requestFollowUp(
  deps: IncidentDeps,
  job: IncidentJob,
  action: FollowUpRequested,
  log: Logger,
): Promise<void> {
  const to = { provider: job.provider, responseUrl: action.responseUrl };
  const who = { provider: job.provider, teamId: job.teamId, chatUserId: job.userId, responseUrl: action.responseUrl };
  const user = await linkedUser(deps, action.identityId, who);
  if ('prompt' in user) return tell(deps, to, user.prompt, log);

  const request: FollowUpRequest = {
    command: action.command,
    text: action.text,
    requestedAt: new Date(job.receivedAt),
    replacing: false,
  };
  const own = job.channelId
    ? await findIncidentByChannel(deps.db, { provider: job.provider, teamId: job.teamId, channelId: job.channelId })
    : null;
  if (own) return tell(deps, to, await actOnIncident(deps, user, incidentFromRecord(own), request, who, log), log);

  let incidents: FollowUpIncident[];
  try {
    incidents = await openIncidents(user.gitlab);
  } catch (error) {
    return tell(deps, to, await answerFailure(deps, user, error, false, who, log), log);
  }
  if (incidents.length === 0) return tell(deps, to, noOpenIncidentsReply(), log);
  const choiceId = await deps.choices.save({
    command: action.command,
    text: action.text,
    requestedAt: job.receivedAt,
    identityId: action.identityId,
    responseUrl: action.responseUrl,
    platform: job.provider,
    teamId: job.teamId,
    userId: job.userId,
    incidents,
  });
  const chooser = incidentChooser({
    command: action.command,
    choiceId,
    incidents,
    platform: job.provider,
    formStateKey: deps.formStateKey,
    publicUrl: deps.publicUrl,
  });
  await tell(deps, to, chooser, log);
}
