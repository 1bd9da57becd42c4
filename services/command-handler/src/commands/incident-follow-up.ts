import { type INCIDENT_FOLLOW_UPS } from '@chatops/jobs';
import { enqueueIncidentAction } from './incident-declare.command';
import { defineCommand, matchPattern, type SlashCommand } from './slash-command';

type FollowUp = (typeof INCIDENT_FOLLOW_UPS)[number];

/**
 * The follow-ups GitLab's documentation describes for incidents (and has not shipped): the
 * incident service asks which incident (in an incident's own channel, it is that one) and then
 * comments, adds a timeline event or closes it as the user.
 */
export function incidentFollowUp(command: FollowUp, usage: string, pattern: RegExp): SlashCommand {
  return defineCommand<{ text: string }>({
    name: `incident_${command}`,
    usage,
    offered: 'incidents',
    scope: 'user',
    match: (text) => matchPattern(pattern, text, (g) => ({ text: (g.text ?? '').trim() })),
    async run(context, { text }) {
      await enqueueIncidentAction(context, {
        kind: 'follow_up_requested',
        identityId: context.identity.id,
        command,
        text,
        responseUrl: context.job.responseUrl,
      });
      return { visibility: 'ephemeral' };
    },
  });
}
