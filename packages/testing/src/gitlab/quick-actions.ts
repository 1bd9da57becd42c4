import { type GitLabState } from './gitlab-state.js';
import { type IssuableSeverity, type ResourceLinkType } from './incident-types.js';
import { type GitLabIssue, type GitLabProject } from './types.js';

/** Who runs the quick actions and on what: the abilities GitLab's command conditions check. */
export interface QuickActionContext {
  state: GitLabState;
  project: GitLabProject;
  userId: number;
  issueType: GitLabIssue['issueType'];
  /** Reporter+ (`set_issue_metadata`): assign, label, severity, link. */
  canSetMetadata: boolean;
  /** Whether a user may be assigned (GitLab drops assignees who cannot read the issue). */
  canAssign(userId: number): boolean;
}

export interface QuickActionResult {
  /** The description with the executed command lines removed, as GitLab stores it. */
  description: string;
  assigneeIds: number[];
  labels: string[];
  severity: IssuableSeverity | undefined;
  zoomMeetings: string[];
  resourceLinks: Array<{ link: string; linkText: string | null; linkType: ResourceLinkType }>;
  /** GitLab's execution messages (what the UI flashes), e.g. `Failed to add a Zoom meeting`. */
  messages: string[];
}

// IssuableSeverity::SEVERITY_QUICK_ACTION_PARAMS: names, S-levels and digits, case-insensitive.
const SEVERITY_PARAMS: Readonly<Record<string, IssuableSeverity>> = {
  unknown: 'unknown',
  '0': 'unknown',
  low: 'low',
  s4: 'low',
  '4': 'low',
  medium: 'medium',
  s3: 'medium',
  '3': 'medium',
  high: 'high',
  s2: 'high',
  '2': 'high',
  critical: 'critical',
  s1: 'critical',
  '1': 'critical',
};
// Gitlab::ZoomLinkExtractor's pattern.
const ZOOM_URL = /^https:\/\/(?:[\w-]+\.)?zoom\.us\/(?:s|j|my)\/\S+$/;
const COMMAND_LINE = /^\/([a-z_]+)(?:[ \t]+(.*))?$/i;

/** IssuableResourceLink's link type, from the URL's host. */
function linkTypeOf(url: string): ResourceLinkType {
  const host = URL.canParse(url) ? new URL(url).hostname : '';
  if (ZOOM_URL.test(url)) return 'zoom';
  if (host === 'slack.com' || host.endsWith('.slack.com')) return 'slack';
  if (host === 'pagerduty.com' || host.endsWith('.pagerduty.com')) return 'pagerduty';
  return 'general';
}

/** `~a ~"b c" d` → ["a", "b c", "d"]. */
function labelNames(args: string): string[] {
  const names: string[] = [];
  for (const match of args.matchAll(/~"([^"]+)"|~([^\s~"]+)|([^\s~"]+)/g)) {
    const name = match[1] ?? match[2] ?? match[3];
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** `<url> <text…>` → link and optional text (parse_resource_link_params). */
function linkArgs(args: string): { link: string; text: string | null } | undefined {
  const [link, ...rest] = args.trim().split(/\s+/);
  if (link === undefined || link === '') return undefined;
  const text = rest.join(' ').trim();
  return { link, text: text === '' ? null : text };
}

/**
 * Runs the quick actions of a new issue's description the way Issues::CreateService does: each
 * available command's line is removed and applied; unknown or unavailable commands stay in the text.
 * Lines inside fenced code blocks are never commands.
 */
export function interpretQuickActions(description: string, ctx: QuickActionContext): QuickActionResult {
  const result: QuickActionResult = {
    description,
    assigneeIds: [],
    labels: [],
    severity: undefined,
    zoomMeetings: [],
    resourceLinks: [],
    messages: [],
  };
  const isIncident = ctx.issueType === 'incident';
  const projectHasLabels = [...ctx.state.labels.values()].some((label) => label.projectId === ctx.project.id);
  const kept: string[] = [];
  let inFence = false;

  const run = (name: string, args: string): boolean => {
    switch (name) {
      case 'assign': {
        if (!ctx.canSetMetadata) return false;
        const found = args
          .split(/[\s,]+/)
          .filter((word) => word !== '')
          .map((word) =>
            word === 'me'
              ? ctx.state.users.get(ctx.userId)
              : [...ctx.state.users.values()].find((u) => u.username === word.replace(/^@/, '')),
          )
          .filter((user) => user !== undefined && ctx.canAssign(user.id));
        if (found.length === 0) result.messages.push('Failed to assign a user because no user was found.');
        for (const user of found) if (user && !result.assigneeIds.includes(user.id)) result.assigneeIds.push(user.id);
        return true;
      }
      case 'label': {
        // Available only when the project has labels; names that do not exist are ignored.
        if (!ctx.canSetMetadata || !projectHasLabels) return false;
        for (const wanted of labelNames(args)) {
          const label = ctx.state.findLabel(ctx.project.id, wanted);
          if (label !== undefined && !result.labels.includes(label.name)) result.labels.push(label.name);
        }
        return true;
      }
      case 'severity': {
        if (!isIncident || !ctx.canSetMetadata) return false;
        const severity = SEVERITY_PARAMS[args.trim().toLowerCase()];
        if (severity === undefined) result.messages.push('Failed to set severity.');
        else result.severity = severity;
        return true;
      }
      case 'zoom': {
        const parsed = linkArgs(args);
        if (parsed === undefined || !ZOOM_URL.test(parsed.link)) {
          result.messages.push('Failed to add a Zoom meeting');
          return true;
        }
        // Incidents (Premium) keep Zoom links as resource links; plain issues get one Zoom meeting.
        if (isIncident) result.resourceLinks.push({ link: parsed.link, linkText: parsed.text, linkType: 'zoom' });
        else if (result.zoomMeetings.length === 0) result.zoomMeetings.push(parsed.link);
        return true;
      }
      case 'link': {
        if (!isIncident || !ctx.canSetMetadata) return false;
        const parsed = linkArgs(args);
        if (parsed === undefined || !/^https?:\/\/\S+$/.test(parsed.link)) {
          result.messages.push('Failed to add a resource link');
          return true;
        }
        result.resourceLinks.push({ link: parsed.link, linkText: parsed.text, linkType: linkTypeOf(parsed.link) });
        return true;
      }
      default:
        return false;
    }
  };

  for (const line of description.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const match = inFence ? null : COMMAND_LINE.exec(line.trimEnd());
    const name = match?.[1]?.toLowerCase();
    if (match === null || name === undefined || !run(name, match[2] ?? '')) kept.push(line);
  }
  result.description = kept.join('\n').trim();
  return result;
}
