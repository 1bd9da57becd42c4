import { type ChatReply, ephemeral } from '@chatops/chat';
import { defineCommand, matchExactly } from './slash-command';

/** GitLab's `incident declare`: the incident form lets the user pick the project. */
export const incidentDeclare = defineCommand<Record<string, never>>({
  name: 'incident_declare',
  usage: 'incident declare',
  offered: 'incidents',
  scope: 'chat',
  match: (text) => matchExactly('incident declare', text),
  run: async () => incidentsNotConfiguredReply(),
});

/** `incident declare` where no project for incidents has been set up. */
export function incidentsNotConfiguredReply(): ChatReply {
  return ephemeral({ text: 'Incident declaration is not configured yet. Ask an administrator to set it up.' });
}
