import { type FormValues, formChoices, formText, mattermostFormValues } from '@chatops/chat';
import { recordIncident } from '@chatops/db';
import { type ApiIssue, type GitLabApi, gitlabFailureOf } from '@chatops/gitlab';
import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { openIncidentChannel } from '../channel/incident-channel';
import { type IncidentDeps } from '../incident-deps';
import { linkedUser } from '../linked-user';
import { creationFailedReply, incidentCreatedReply } from '../replies';
import { tell } from '../tell';
import { DeclareField, declareForm } from './declare-form';
import { type DeclareState } from './declare-session';
import { incidentTemplate } from './incident-template';
import { setEscalationStatus, setSeverity } from '../incident-status';

type FormSubmitted = Extract<IncidentAction, { kind: 'form_submitted' }>;

/** The incident the form asks for, as GitLab's IncidentModalSubmitService reads it. */
interface DeclaredIncident {
  projectId: number;
  title: string;
  description: string;
  severity: string;
  status: string | null;
  confidential: boolean;
  assigneeId: number | null;
  labels: string[];
}

/**
 * A submitted declare form (GitLab's IncidentModalSubmitService): the incident is created as the
 * user who opened the form, in the project they chose among those offered, with its severity and
 * escalation status, confidentiality, labels, the assignee when they are a member of the project
 * (else GitLab's extra sentence), and the description with its quick actions (GitLab applies
 * them) and `/zoom <link>`. The outcome replaces the "complete the form" answer.
 */
export async function submitDeclareForm(
  deps: IncidentDeps,
  job: IncidentJob,
  action: FormSubmitted,
  log: Logger,
): Promise<void> {
  const session = await deps.forms.load(action.formId);
  if (!session || session.state.userId !== job.userId || session.state.platform !== job.provider) {
    log.info({ formId: action.formId }, 'a declare form nobody here opened (expired, or not this user): ignored');
    return;
  }
  const { state } = session;
  await deps.forms.forget(action.formId);
  const to = { provider: state.platform, responseUrl: state.responseUrl };
  const user = await linkedUser(deps, state.identityId, {
    provider: state.platform,
    teamId: state.teamId,
    chatUserId: state.userId,
    responseUrl: state.responseUrl,
  });
  if ('prompt' in user) return tell(deps, to, user.prompt, log);

  const values = action.values ?? mattermostFormValues(declareForm({ ...state, state: '' }), action.submission ?? {});
  const declared = await readDeclaration(values, state, user.gitlab);
  if (!declared) return tell(deps, to, creationFailedReply(), log);

  let incident: ApiIssue;
  let notAssigned: { name: string; projectName: string } | undefined;
  try {
    const assignee =
      declared.assigneeId === null ? null : await user.gitlab.projectMember(declared.projectId, declared.assigneeId);
    if (declared.assigneeId !== null && !assignee)
      notAssigned = {
        name: await userName(user.gitlab, declared.assigneeId),
        projectName: projectPath(state, declared.projectId),
      };
    incident = await user.gitlab.createIncident(declared.projectId, {
      title: declared.title,
      description: declared.description,
      confidential: declared.confidential,
      assigneeIds: assignee ? [assignee.id] : [],
      labels: declared.labels,
    });
  } catch (error) {
    log.warn({ err: error, status: gitlabFailureOf(error).status }, 'GitLab did not create the incident');
    return tell(deps, to, creationFailedReply(), log);
  }
  // Severity and escalation status have no REST parameter: GraphQL, as GitLab's own form does.
  // The incident exists by then, so a refusal is logged and the user still gets its link.
  const path = projectPath(state, declared.projectId);
  await setSeverity(user.gitlab, path, incident.iid, declared.severity).catch((error: unknown) =>
    log.warn({ err: error }, 'could not set the incident severity'),
  );
  if (declared.status)
    await setEscalationStatus(user.gitlab, path, incident.iid, declared.status).catch((error: unknown) =>
      log.warn({ err: error }, 'could not set the incident escalation status'),
    );
  const record = await recordIncident(deps.db, {
    gitlabProjectId: declared.projectId,
    projectPath: path,
    gitlabIssueIid: incident.iid,
    gitlabIssueId: incident.id,
    title: incident.title,
    webUrl: incident.web_url,
    provider: state.platform,
    teamId: state.teamId,
    channelId: state.channelId ?? null,
    declaredBy: state.userId,
  });
  log.info({ projectId: declared.projectId, iid: incident.iid }, 'incident declared');
  if (state.platform === 'slack')
    await openIncidentChannel(
      deps,
      { teamId: state.teamId, userId: state.userId, projectId: declared.projectId, record, incident },
      user.gitlab,
      log,
    );
  await tell(deps, to, incidentCreatedReply(incident, notAssigned), log);
}

/** The form's values as an incident; null when they name no project the form offered, or no title. */
async function readDeclaration(
  values: FormValues,
  state: DeclareState,
  gitlab: GitLabApi,
): Promise<DeclaredIncident | null> {
  const projectId = Number(formText(values, DeclareField.project) ?? state.selectedProjectId);
  const title = formText(values, DeclareField.title)?.trim();
  if (!title || !state.projects.some((p) => p.id === projectId)) return null;
  let description = formText(values, DeclareField.description) ?? '';
  // A dialog cannot swap the template when another project is chosen: an untouched template is swapped here.
  if (projectId !== state.selectedProjectId && description === (state.template ?? ''))
    description = (await incidentTemplate(gitlab, projectId)) ?? '';
  const zoom = formText(values, DeclareField.zoom)?.trim();
  // GitLab appends the Zoom link as a quick action, exactly so.
  if (zoom) description = `${description} \n/zoom ${zoom}`;
  const assignee = formText(values, DeclareField.assignee);
  return {
    projectId,
    title,
    description,
    severity: formText(values, DeclareField.severity) ?? 'unknown',
    status: formText(values, DeclareField.status),
    confidential: formChoices(values, DeclareField.confidential).length > 0,
    assigneeId: assignee && /^\d+$/.test(assignee) ? Number(assignee) : null,
    labels: formChoices(values, DeclareField.labels),
  };
}

function projectPath(state: DeclareState, projectId: number): string {
  return state.projects.find((p) => p.id === projectId)?.path ?? String(projectId);
}

async function userName(gitlab: GitLabApi, userId: number): Promise<string> {
  return (await gitlab.user(userId).catch(() => null))?.name ?? `user ${userId}`;
}
