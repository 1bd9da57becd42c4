import { type ChatReply, ephemeral } from '@chatops/chat';
import { type JobInput, QueueName } from '@chatops/jobs';
import { defineCommand, matchExactly, type UserCommandContext } from './slash-command';

/**
 * GitLab's `incident declare`: the incident service opens the New incident form (a Slack modal,
 * a Mattermost dialog) with this command's trigger id and answers on its response URL; the user
 * picks the project in the form. Nothing is answered from here.
 */
export const incidentDeclare = defineCommand<Record<string, never>>({
  name: 'incident_declare',
  usage: 'incident declare',
  offered: 'incidents',
  scope: 'user',
  match: (text) => matchExactly('incident declare', text),
  async run(context) {
    const { job } = context;
    if (!job.triggerId) return formUnavailableReply();
    await enqueueIncidentAction(context, {
      kind: 'declare_requested',
      identityId: context.identity.id,
      triggerId: job.triggerId,
      responseUrl: job.responseUrl,
      ...(job.mattermostCommandId ? { mattermostCommandId: job.mattermostCommandId } : {}),
    });
    return ephemeral({});
  },
});

/** A request without a trigger id (an old Mattermost, a replayed request) cannot open a form. */
export function formUnavailableReply(): ChatReply {
  return ephemeral({ text: 'Something went wrong while opening the incident form.' });
}

/** Hands an incident action of this command's user to the incident service. */
export async function enqueueIncidentAction(
  context: UserCommandContext,
  action: JobInput<typeof QueueName.Incidents>['action'],
): Promise<void> {
  const { job } = context;
  await context.services.queues.enqueue(QueueName.Incidents, {
    provider: job.provider,
    teamId: job.teamId,
    userId: job.userId,
    channelId: job.channelId,
    action,
    receivedAt: job.receivedAt,
    ...(job.meta.requestId ? { meta: { requestId: job.meta.requestId } } : {}),
  });
}
