import { accessLevel, type Actor, canSeeIssue } from '../access.js';
import { type GitLabState } from '../gitlab-state.js';
import { type HookDispatcher } from '../hooks/hook-dispatcher.js';
import { type GitLabAlert, type GitLabTimelineEvent } from '../incident-types.js';
import { AccessLevel, type GitLabIssue, type GitLabProject, type GitLabUser } from '../types.js';

/** What every resolver sees: the data, the caller, and where links point. */
export interface GraphQLContext {
  state: GitLabState;
  actor: Actor;
  baseUrl: string;
  hooks: HookDispatcher;
}

type Node = Record<string, unknown>;
interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

// GitLab's default and maximum page size (GitlabSchema.default_max_page_size).
const MAX_PAGE_SIZE = 100;

export function gid(model: string, id: number): string {
  return `gid://gitlab/${model}/${id}`;
}

/** The numeric id of a global id already checked by its scalar. */
export function gidNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('/') + 1));
}

function cursor(id: number): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString('base64');
}

function cursorId(value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { id?: unknown };
    return Number(parsed.id);
  } catch {
    return undefined;
  }
}

/** A Relay connection over already ordered items, with GitLab's keyset-style opaque cursors. */
export function connection<T extends { id: number }>(items: T[], pageArgs: object, toNode: (item: T) => Node): Node {
  const args = pageArgs as PageArgs;
  let slice = items;
  const afterId = cursorId(args.after);
  if (afterId !== undefined) slice = slice.slice(slice.findIndex((item) => item.id === afterId) + 1);
  const beforeId = cursorId(args.before);
  if (beforeId !== undefined) {
    const index = slice.findIndex((item) => item.id === beforeId);
    if (index >= 0) slice = slice.slice(0, index);
  }
  const first = Math.min(args.first ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const hasNextPage = slice.length > first;
  slice = slice.slice(0, first);
  let hasPreviousPage = afterId !== undefined;
  if (args.last !== undefined && args.last !== null) {
    hasPreviousPage = slice.length > args.last;
    slice = slice.slice(Math.max(0, slice.length - args.last));
  }
  const edges = slice.map((item) => ({ cursor: cursor(item.id), node: toNode(item) }));
  return {
    count: items.length,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export function userNode(ctx: GraphQLContext, user: GitLabUser | undefined): Node | null {
  if (user === undefined) return null;
  return {
    id: gid('User', user.id),
    username: user.username,
    name: user.name,
    state: user.state,
    webUrl: `${ctx.baseUrl}/${user.username}`,
    avatarUrl: `${ctx.baseUrl}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
  };
}

/** Whether the caller may read the project: GitLab answers `null`, not an error, when not. */
export function visibleProject(ctx: GraphQLContext, project: GitLabProject | undefined): project is GitLabProject {
  if (project === undefined) return false;
  return (
    project.visibility === 'public' ||
    (project.visibility === 'internal' && ctx.actor !== undefined) ||
    accessLevel(ctx.actor, project) > 0
  );
}

/** An issue the caller may read (`read_issue`), or undefined. */
export function readableIssue(ctx: GraphQLContext, issue: GitLabIssue | undefined): GitLabIssue | undefined {
  if (issue === undefined) return undefined;
  const project = ctx.state.projects.get(issue.projectId);
  return visibleProject(ctx, project) && canSeeIssue(ctx.actor, project, issue) ? issue : undefined;
}

export function issueNode(ctx: GraphQLContext, issue: GitLabIssue): Node {
  const project = ctx.state.project(issue.projectId);
  const kind = issue.issueType === 'incident' ? 'issues/incident' : 'issues';
  const webPath = `/${project.pathWithNamespace}/-/${kind}/${issue.iid}`;
  return {
    id: gid('Issue', issue.id),
    iid: String(issue.iid),
    title: issue.title,
    description: issue.description,
    state: issue.state,
    type: issue.issueType.toUpperCase(),
    severity: issue.severity.toUpperCase(),
    escalationStatus: issue.escalationStatus?.toUpperCase() ?? null,
    confidential: issue.confidential,
    discussionLocked: issue.discussionLocked === true,
    dueDate: issue.dueDate,
    webUrl: `${ctx.baseUrl}${webPath}`,
    webPath,
    reference: ({ full }: { full: boolean }) => (full ? `${project.pathWithNamespace}#${issue.iid}` : `#${issue.iid}`),
    projectId: project.id,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    author: () => userNode(ctx, ctx.state.users.get(issue.authorId)),
    assignees: (args: PageArgs) =>
      connection(
        issue.assigneeIds.map((id) => ctx.state.users.get(id)).filter((u) => u !== undefined),
        args,
        (user) => userNode(ctx, user) ?? {},
      ),
    labels: (args: PageArgs) =>
      connection(
        issue.labels.map((name) => ctx.state.findLabel(issue.projectId, name)).filter((l) => l !== undefined),
        args,
        (label) => ({
          id: gid('ProjectLabel', label.id),
          title: label.name,
          color: label.color,
          textColor: '#FFFFFF',
          description: label.description,
        }),
      ),
    // EE's Resolvers::IncidentManagement::IssuableResourceLinksResolver: Reporter+ on the incident's project.
    issuableResourceLinks: (args: PageArgs & { incidentId: string }) => {
      const incident = readableIssue(ctx, ctx.state.issues.get(gidNumber(args.incidentId)));
      if (incident === undefined || accessLevel(ctx.actor, project) < AccessLevel.Reporter) return null;
      return connection(incident.resourceLinks, args, (link) => ({
        id: gid('IncidentManagement::IssuableResourceLink', link.id),
        issue: () => issueNode(ctx, incident),
        link: link.link,
        linkText: link.linkText,
        linkType: link.linkType,
      }));
    },
  };
}

export function timelineEventNode(ctx: GraphQLContext, event: GitLabTimelineEvent): Node {
  const incident = ctx.state.issues.get(event.issueId);
  return {
    id: gid('IncidentManagement::TimelineEvent', event.id),
    note: event.note,
    noteHtml: `<p>${event.note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`,
    occurredAt: event.occurredAt,
    action: event.action,
    editable: true,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    author: () => userNode(ctx, ctx.state.users.get(event.authorId)),
    incident: () => (incident === undefined ? null : issueNode(ctx, incident)),
  };
}

export function alertNode(ctx: GraphQLContext, alert: GitLabAlert): Node {
  const project = ctx.state.project(alert.projectId);
  const detailsUrl = `${ctx.baseUrl}/${project.pathWithNamespace}/-/alert_management/${alert.iid}/details`;
  return {
    id: gid('AlertManagement::Alert', alert.id),
    iid: String(alert.iid),
    title: alert.title,
    description: alert.description,
    severity: alert.severity.toUpperCase(),
    status: alert.status.toUpperCase(),
    service: alert.service,
    monitoringTool: alert.monitoringTool,
    startedAt: alert.startedAt,
    endedAt: null,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    eventCount: alert.eventCount,
    detailsUrl,
    webUrl: detailsUrl,
  };
}
