import { GraphQLError } from 'graphql';
import { accessLevel } from '../access.js';
import { type EscalationStatus, type GitLabAlert, type IssuableSeverity } from '../incident-types.js';
import { AccessLevel, type GitLabIssue, type GitLabProject } from '../types.js';
import {
  alertNode,
  connection,
  gidNumber,
  type GraphQLContext,
  issueNode,
  readableIssue,
  timelineEventNode,
  userNode,
  visibleProject,
} from './nodes.js';

/** Gitlab::Graphql::Errors::ResourceNotAvailable's default message. */
const NOT_AVAILABLE =
  "The resource that you are attempting to access does not exist or you don't have permission to perform this action";
/** IncidentManagement::TimelineEvent validates its note at 280 characters (the "Timeline text"). */
const MAX_TIMELINE_TEXT = 280;
const ALERT_SEVERITY_RANK = ['unknown', 'info', 'low', 'medium', 'high', 'critical'];
const ALERT_STATUS_RANK = ['triggered', 'acknowledged', 'resolved', 'ignored'];

type Args = Record<string, unknown>;
type Node = Record<string, unknown>;

function alertOrder(sort: string | undefined): (a: GitLabAlert, b: GitLabAlert) => number {
  const value = (sort ?? 'CREATED_DESC').toUpperCase();
  const direction = value.endsWith('_ASC') ? 1 : -1;
  const key = (alert: GitLabAlert): string | number => {
    if (value.startsWith('STARTED_AT')) return alert.startedAt;
    if (value.startsWith('UPDATED')) return alert.updatedAt;
    if (value.startsWith('EVENT_COUNT')) return alert.eventCount;
    if (value.startsWith('SEVERITY')) return ALERT_SEVERITY_RANK.indexOf(alert.severity);
    if (value.startsWith('STATUS')) return ALERT_STATUS_RANK.indexOf(alert.status);
    return alert.createdAt;
  };
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * direction;
}

/** AlertsFinder: nothing below Developer (`read_alert_management_alert`), then the filters. */
function alerts(ctx: GraphQLContext, project: GitLabProject, args: Args): GitLabAlert[] {
  if (accessLevel(ctx.actor, project) < AccessLevel.Developer || args['domain'] === 'threat_monitoring') return [];
  const statuses = Array.isArray(args['statuses']) ? args['statuses'].map((s) => String(s).toLowerCase()) : undefined;
  const search = typeof args['search'] === 'string' ? args['search'].toLowerCase() : '';
  return [...ctx.state.alerts.values()]
    .filter(
      (alert) =>
        alert.projectId === project.id &&
        (args['iid'] === undefined || args['iid'] === null || String(alert.iid) === args['iid']) &&
        (statuses === undefined || statuses.includes(alert.status)) &&
        `${alert.title}\n${alert.description ?? ''}\n${alert.service ?? ''}\n${alert.monitoringTool ?? ''}`
          .toLowerCase()
          .includes(search),
    )
    .sort(alertOrder(typeof args['sort'] === 'string' ? args['sort'] : undefined));
}

function projectNode(ctx: GraphQLContext, project: GitLabProject): Node {
  const incident = (incidentId: string): GitLabIssue | undefined => {
    const issue = readableIssue(ctx, ctx.state.issues.get(gidNumber(incidentId)));
    return issue?.projectId === project.id ? issue : undefined;
  };
  const events = (issue: GitLabIssue) =>
    [...ctx.state.timelineEvents.values()]
      .filter((event) => event.issueId === issue.id)
      .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id));
  return {
    id: `gid://gitlab/Project/${project.id}`,
    name: project.name,
    // As the REST serializer's name_with_namespace.
    nameWithNamespace: project.pathWithNamespace.split('/').join(' / '),
    fullPath: project.pathWithNamespace,
    description: project.description,
    webUrl: `${ctx.baseUrl}/${project.pathWithNamespace}`,
    issue: ({ iid }: { iid?: string }) => {
      const issue = [...ctx.state.issues.values()].find((i) => i.projectId === project.id && String(i.iid) === iid);
      const readable = readableIssue(ctx, issue);
      return readable === undefined ? null : issueNode(ctx, readable);
    },
    alertManagementAlerts: (args: Args) => connection(alerts(ctx, project, args), args, (a) => alertNode(ctx, a)),
    alertManagementAlert: (args: Args) => {
      const [first] = alerts(ctx, project, args);
      return first === undefined ? null : alertNode(ctx, first);
    },
    incidentManagementTimelineEvents: (args: Args & { incidentId: string }) => {
      const issue = incident(args.incidentId);
      return issue === undefined ? null : connection(events(issue), args, (e) => timelineEventNode(ctx, e));
    },
    incidentManagementTimelineEvent: ({ id, incidentId }: { id: string; incidentId: string }) => {
      const issue = incident(incidentId);
      const event = issue === undefined ? undefined : events(issue).find((e) => e.id === gidNumber(id));
      return event === undefined ? null : timelineEventNode(ctx, event);
    },
  };
}

/** `authorized_find!` with `authorize :update_issue`: Reporter+, or the issue's author or an assignee. */
function issueToUpdate(
  ctx: GraphQLContext,
  projectPath: string,
  iid: string,
): { project: GitLabProject; issue: GitLabIssue } {
  const project = ctx.state.findProject(projectPath);
  const issue = [...ctx.state.issues.values()].find((i) => i.projectId === project?.id && String(i.iid) === iid);
  const readable = readableIssue(ctx, issue);
  const userId = ctx.actor?.user.id;
  if (project === undefined || readable === undefined || userId === undefined || project.archived)
    throw new GraphQLError(NOT_AVAILABLE);
  const canUpdate =
    accessLevel(ctx.actor, project) >= AccessLevel.Reporter ||
    readable.authorId === userId ||
    readable.assigneeIds.includes(userId);
  if (!canUpdate) throw new GraphQLError(NOT_AVAILABLE);
  return { project, issue: readable };
}

function changed(ctx: GraphQLContext, issue: GitLabIssue, apply: () => void): void {
  const before = ctx.hooks.snapshot(issue);
  apply();
  issue.updatedAt = ctx.state.iso();
  issue.updatedById = ctx.actor?.user.id ?? null;
  ctx.hooks.issueEvent(issue, 'update', ctx.actor?.user.id ?? 0, before);
}

type Input = Record<string, unknown> & { clientMutationId?: string | null };

export function rootValue(ctx: GraphQLContext): Record<string, unknown> {
  return {
    project: ({ fullPath }: { fullPath: string }) => {
      const project = ctx.state.findProject(fullPath);
      return visibleProject(ctx, project) ? projectNode(ctx, project) : null;
    },
    issue: ({ id }: { id: string }) => {
      const issue = readableIssue(ctx, ctx.state.issues.get(gidNumber(id)));
      return issue === undefined ? null : issueNode(ctx, issue);
    },
    currentUser: () => userNode(ctx, ctx.actor?.user),

    // Issues::UpdateService only applies a severity to incidents and for `admin_issue` (Reporter+).
    issueSetSeverity: ({ input }: { input: Input }) => {
      const { project, issue } = issueToUpdate(ctx, String(input['projectPath']), String(input['iid']));
      const severity = String(input['severity']).toLowerCase() as IssuableSeverity;
      if (issue.issueType === 'incident' && accessLevel(ctx.actor, project) >= AccessLevel.Reporter)
        changed(ctx, issue, () => (issue.severity = severity));
      return { clientMutationId: input.clientMutationId ?? null, errors: [], issue: issueNode(ctx, issue) };
    },

    // `update_escalation_status` is a Developer ability (ProjectPolicy), and only incidents support escalation.
    issueSetEscalationStatus: ({ input }: { input: Input }) => {
      const { project, issue } = issueToUpdate(ctx, String(input['projectPath']), String(input['iid']));
      if (accessLevel(ctx.actor, project) < AccessLevel.Developer) throw new GraphQLError(NOT_AVAILABLE);
      if (issue.issueType !== 'incident') throw new GraphQLError('Feature unavailable for provided issue');
      const status = String(input['status']).toLowerCase() as EscalationStatus;
      changed(ctx, issue, () => (issue.escalationStatus = status));
      return { clientMutationId: input.clientMutationId ?? null, errors: [], issue: issueNode(ctx, issue) };
    },

    // `admin_incident_management_timeline_event`: read_issue and Developer+ (IssuablePolicy).
    timelineEventCreate: ({ input }: { input: Input }) => {
      const issue = readableIssue(ctx, ctx.state.issues.get(gidNumber(String(input['incidentId']))));
      const project = issue === undefined ? undefined : ctx.state.projects.get(issue.projectId);
      if (issue === undefined || project === undefined || accessLevel(ctx.actor, project) < AccessLevel.Developer)
        throw new GraphQLError(NOT_AVAILABLE);
      const note = String(input['note']);
      const clientMutationId = input.clientMutationId ?? null;
      const errors: string[] = [];
      if (note.trim() === '') errors.push("Timeline text can't be blank");
      else if (note.length > MAX_TIMELINE_TEXT)
        errors.push(`Timeline text is too long (maximum is ${MAX_TIMELINE_TEXT} characters)`);
      if (errors.length > 0) return { clientMutationId, errors, timelineEvent: null };
      const now = ctx.state.iso();
      const event = {
        id: ctx.state.nextId(),
        issueId: issue.id,
        projectId: project.id,
        note,
        occurredAt: String(input['occurredAt']),
        action: 'comment',
        authorId: ctx.actor?.user.id ?? 0,
        createdAt: now,
        updatedAt: now,
      };
      ctx.state.timelineEvents.set(event.id, event);
      return { clientMutationId, errors: [], timelineEvent: timelineEventNode(ctx, event) };
    },
  };
}
