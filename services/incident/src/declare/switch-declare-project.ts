import { renderModal } from '@chatops/chat';
import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { slackBotToken } from '../chat-access';
import { type IncidentDeps } from '../incident-deps';
import { linkedUser } from '../linked-user';
import { declareForm } from './declare-form';
import { incidentTemplate } from './incident-template';
import { prefetchOptions } from './prefetch-options';

type ProjectSwitched = Extract<IncidentAction, { kind: 'form_project_switched' }>;

/**
 * The user chose another project in the open Slack modal (GitLab's project-switch action): the
 * modal is updated with that project's incident template in a description block named after the
 * project (so Slack drops what was typed there: the confirm dialog warned), the other fields
 * keep what was entered, and the assignee and label options are fetched for the new project.
 */
export async function switchDeclareProject(
  deps: IncidentDeps,
  job: IncidentJob,
  action: ProjectSwitched,
  log: Logger,
): Promise<void> {
  const session = await deps.forms.load(action.formId);
  const { state } = session ?? {};
  if (!state || state.userId !== job.userId || state.platform !== 'slack') return;
  if (state.selectedProjectId === action.projectId || !state.projects.some((p) => p.id === action.projectId)) return;
  const user = await linkedUser(deps, state.identityId, {
    provider: 'slack',
    teamId: state.teamId,
    chatUserId: state.userId,
    responseUrl: state.responseUrl,
  });
  const token = await slackBotToken(deps, state.teamId);
  if ('prompt' in user || !token) return;

  const template = await incidentTemplate(user.gitlab, action.projectId);
  const next = { ...state, selectedProjectId: action.projectId, template };
  try {
    await deps.slack.updateView(token, action.formId, renderModal(declareForm({ ...next, state: next.responseUrl })));
  } catch (error) {
    log.warn({ err: error }, 'Slack did not update the incident form');
    return;
  }
  await deps.forms.save(action.formId, { state: next, options: await prefetchOptions(user.gitlab, action.projectId) });
}
