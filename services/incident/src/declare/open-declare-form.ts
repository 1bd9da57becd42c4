import { randomUUID } from 'node:crypto';
import { renderDialog, renderModal, signFormState } from '@chatops/chat';
import { AccessLevel, type GitLabApi } from '@chatops/gitlab';
import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { mattermostAccess, slackBotToken } from '../chat-access';
import { type IncidentDeps } from '../incident-deps';
import { linkedUser } from '../linked-user';
import { formFailedReply, formOpenedReply, noProjectsReply } from '../replies';
import { tell } from '../tell';
import { declareForm } from './declare-form';
import { type DeclareState } from './declare-session';
import { incidentTemplate } from './incident-template';
import { assigneeOptions, prefetchOptions } from './prefetch-options';

/** GitLab offers at most this many projects in the form. */
const PROJECT_LIMIT = 100;

type DeclareRequested = Extract<IncidentAction, { kind: 'declare_requested' }>;

/**
 * `/gitlab incident declare` (GitLab's IncidentModalOpenedService): the user's projects where they
 * may create incidents (Reporter and up, at most 100), the first one's incident template, then the
 * form, opened with the command's trigger id (Slack gives 3 seconds: the GitLab calls before it
 * are two). The form is remembered for its submission, and what Slack asks while the user types
 * is fetched after it opened.
 */
export async function openDeclareForm(
  deps: IncidentDeps,
  job: IncidentJob,
  action: DeclareRequested,
  log: Logger,
): Promise<void> {
  const to = { provider: job.provider, responseUrl: action.responseUrl };
  const user = await linkedUser(deps, action.identityId, {
    provider: job.provider,
    teamId: job.teamId,
    chatUserId: job.userId,
    responseUrl: action.responseUrl,
  });
  if ('prompt' in user) return tell(deps, to, user.prompt, log);

  const projects = (await user.gitlab.memberProjects(AccessLevel.Reporter, PROJECT_LIMIT)).map((p) => ({
    id: p.id,
    path: p.path_with_namespace,
  }));
  const first = projects[0];
  if (!first) return tell(deps, to, noProjectsReply(), log);
  const template = await incidentTemplate(user.gitlab, first.id);
  const state: DeclareState = {
    platform: job.provider,
    teamId: job.teamId,
    userId: job.userId,
    ...(job.channelId ? { channelId: job.channelId } : {}),
    identityId: action.identityId,
    responseUrl: action.responseUrl,
    projects,
    selectedProjectId: first.id,
    template,
  };
  const opened =
    job.provider === 'slack'
      ? await openModal(deps, state, action.triggerId, user.gitlab, log)
      : await openDialog(deps, state, action, user.gitlab, log);
  await tell(deps, to, opened ? formOpenedReply() : formFailedReply(), log);
}

async function openModal(
  deps: IncidentDeps,
  state: DeclareState,
  triggerId: string,
  gitlab: GitLabApi,
  log: Logger,
): Promise<boolean> {
  const token = await slackBotToken(deps, state.teamId);
  if (!token) return false;
  const form = declareForm({ ...state, state: state.responseUrl });
  let viewId: string;
  try {
    ({ viewId } = await deps.slack.openView(token, triggerId, renderModal(form)));
  } catch (error) {
    log.warn({ err: error }, 'Slack did not open the incident form');
    return false;
  }
  await deps.forms.save(viewId, { state, options: {} });
  // Options are what Slack asks for while the user types: fetched now, the modal is already open.
  for (const [actionId, options] of Object.entries(await prefetchOptions(gitlab, state.selectedProjectId)))
    await deps.forms.setOptions(viewId, actionId, options);
  return true;
}

/**
 * Mattermost's dialog is static: the assignees are listed in it, and the dialog's state names the
 * form, signed, since Mattermost signs nothing it posts back.
 */
async function openDialog(
  deps: IncidentDeps,
  state: DeclareState,
  action: DeclareRequested,
  gitlab: GitLabApi,
  log: Logger,
): Promise<boolean> {
  const access = await mattermostAccess(deps, action.mattermostCommandId);
  if (!access) {
    log.warn('no Mattermost bot token for this command: cannot open the incident dialog');
    return false;
  }
  const formId = randomUUID();
  const assignees = await assigneeOptions(gitlab, state.selectedProjectId).catch(() => []);
  const form = declareForm({ ...state, state: signFormState(deps.formStateKey, formId), assignees });
  await deps.forms.save(formId, { state, options: {} });
  try {
    await deps.dialogs.open(access, action.triggerId, `${deps.publicUrl}/mattermost/dialogs`, renderDialog(form));
    return true;
  } catch (error) {
    log.warn({ err: error }, 'Mattermost did not open the incident dialog');
    await deps.forms.forget(formId);
    return false;
  }
}
