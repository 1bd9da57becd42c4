import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';
import { linkedUser } from '../linked-user';
import { tell } from '../tell';
import { actOnIncident } from './act-on-incident';
import { choiceExpiredReply } from './follow-up-replies';
import { parseChoiceValue } from './pending-choices';

type IncidentChosen = Extract<IncidentAction, { kind: 'incident_chosen' }>;

/**
 * A click on the "which incident?" question: the follow-up is done to the chosen incident as the
 * user who asked, and the answer replaces the question. Only their click counts (anyone else's
 * changes nothing, the question stays); the question is answered once. A click on an expired
 * or answered question is told so where the click allows an answer (Slack gives each click a
 * response URL; Mattermost's answer would go to the question's URL, which is gone with it).
 */
export async function chooseIncident(
  deps: IncidentDeps,
  job: IncidentJob,
  action: IncidentChosen,
  log: Logger,
): Promise<void> {
  const clicked = action.responseUrl ? { provider: job.provider, responseUrl: action.responseUrl } : null;
  const expired = async () => {
    log.info({ choice: action.choiceId }, 'a click on an incident choice that is no longer pending');
    if (clicked) await tell(deps, clicked, choiceExpiredReply(), log);
  };
  const picked = parseChoiceValue(action.choiceId);
  const pending = picked ? await deps.choices.peek(picked.choiceId) : null;
  if (!picked || !pending) return expired();
  if (pending.userId !== job.userId || pending.teamId !== job.teamId || pending.platform !== job.provider) {
    log.info({ choice: action.choiceId }, 'an incident choice clicked by another user than the one asked: ignored');
    return;
  }
  const incident = pending.incidents[picked.index];
  if (!incident) return expired();
  const choice = await deps.choices.take(picked.choiceId);
  if (!choice) return expired(); // the same user clicked twice, and the other click won

  const to = clicked ?? { provider: choice.platform, responseUrl: choice.responseUrl };
  const who = {
    provider: choice.platform,
    teamId: choice.teamId,
    chatUserId: choice.userId,
    responseUrl: to.responseUrl,
  };
  const user = await linkedUser(deps, choice.identityId, who);
  if ('prompt' in user) return tell(deps, to, { ...user.prompt, replaceOriginal: true }, log);
  const request = {
    command: choice.command,
    text: choice.text,
    requestedAt: new Date(choice.requestedAt),
    replacing: true,
  };
  await tell(deps, to, await actOnIncident(deps, user, incident, request, who, log), log);
}
