import { type ChatReply } from '@chatops/chat';
import { connectPrompt, type LinkRequest } from '@chatops/identity';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';
import { type LinkedUser } from '../linked-user';
import { addComment } from './add-comment';
import { addTimelineEvent } from './add-timeline-event';
import { closeIncident } from './close-incident';
import { followUpFailure } from './follow-up-failure';
import { type FollowUpIncident } from './follow-up-incident';
import { type FollowUpRequest } from './follow-up-request';

type Linked = Exclude<LinkedUser, { prompt: unknown }>;

/**
 * Does the follow-up to the incident as the linked user and says how it went. Never throws for
 * GitLab: an incident action runs once (it may have changed something), so every outcome is an
 * answer; a token GitLab rejects unlinks the user and asks them to link again.
 */
export async function actOnIncident(
  deps: IncidentDeps,
  user: Linked,
  incident: FollowUpIncident,
  request: FollowUpRequest,
  who: LinkRequest,
  log: Logger,
): Promise<ChatReply> {
  try {
    const reply = await perform(deps, user, incident, request, log);
    log.info({ command: request.command, projectId: incident.projectId, iid: incident.iid }, 'incident follow-up done');
    return reply;
  } catch (error) {
    return answerFailure(deps, user, error, request.replacing, who, log);
  }
}

function perform(
  deps: IncidentDeps,
  user: Linked,
  incident: FollowUpIncident,
  request: FollowUpRequest,
  log: Logger,
): Promise<ChatReply> {
  switch (request.command) {
    case 'comment':
      return addComment(user.gitlab, incident, request);
    case 'timeline':
      return addTimelineEvent(user.gitlab, incident, request);
    case 'close':
      return closeIncident(user.gitlab, deps.db, incident, request, new Date(), log);
  }
}

/** A failure as the user's answer (see followUpFailure); GitLab not answering is "could not be reached". */
export async function answerFailure(
  deps: IncidentDeps,
  user: Linked,
  error: unknown,
  replacing: boolean,
  who: LinkRequest,
  log: Logger,
): Promise<ChatReply> {
  const outcome = followUpFailure(error, replacing);
  if (outcome !== 'relink') {
    log.warn({ err: error }, 'GitLab refused an incident follow-up');
    return outcome;
  }
  log.info({ identityId: user.identity.id }, 'GitLab rejected the linked token: asking the user to link again');
  await deps.tokens?.forget(user.identity);
  const prompt = await connectPrompt(deps.tokens ? deps.links : null, deps.publicUrl, who);
  return replacing ? { ...prompt, replaceOriginal: true } : prompt;
}
