import { type ChatAttachment, type ChatField, markdownLink, stripMarkup } from '@chatops/chat';
import { type ApiIssue, type ApiProject, type ApiUser } from '@chatops/gitlab';

/** GitLab's colours for open and closed issues in command replies. */
export const OPEN_ISSUE_COLOR = '#38ae67';
export const CLOSED_ISSUE_COLOR = '#d22852';

/*
 * Issue titles, names, labels and milestones are written by users. They pass through
 * stripMarkup wherever a chat could render them as markup, so a crafted title cannot forge a link.
 */

export function issueColor(issue: ApiIssue): string {
  return issue.state === 'opened' ? OPEN_ISSUE_COLOR : CLOSED_ISSUE_COLOR;
}

export function issueStatusText(issue: ApiIssue): string {
  return issue.state === 'opened' ? 'Open' : 'Closed';
}

/** The issue reference within its project, `#<iid>`. */
export function issueReference(issue: ApiIssue): string {
  return `#${issue.iid}`;
}

export function safeTitle(issue: ApiIssue): string {
  return stripMarkup(issue.title);
}

/** GitLab's `author_profile_link`: `[@username](profile url)`. */
function userLink(user: ApiUser): string {
  return markdownLink(`@${user.username}`, user.web_url);
}

/** GitLab's `project_link`: `[Group / Project](project url)`. */
function projectLink(project: ApiProject): string {
  return markdownLink(project.name_with_namespace, project.web_url);
}

/**
 * GitLab's pretext for what the bot did in GitLab on a chat user's behalf, e.g. "I closed an issue
 * on [@dave](…)'s behalf: *#1* in [Acme / Backend](…)". GitLab's IssueNew marks the reference
 * `**#1**` where its other presenters write `*#1*`; `strong` keeps that difference.
 */
export function onBehalfPretext(
  didWhat: string,
  actor: ApiUser,
  issue: ApiIssue,
  project: ApiProject,
  { strong = false }: { strong?: boolean } = {},
): string {
  const mark = strong ? '**' : '*';
  return `I ${didWhat} on ${userLink(actor)}'s behalf: ${mark}${issueReference(issue)}${mark} in ${projectLink(project)}`;
}

/**
 * GitLab's issue fields: assignee, milestone and labels (`_None_` when unset), plus the weight
 * when the API reports one (GitLab Premium).
 */
export function issueFields(issue: ApiIssue): ChatField[] {
  const assignee = issue.assignees?.[0];
  const labels = issue.labels ?? [];
  const fields: ChatField[] = [
    { title: 'Assignee', value: assignee ? stripMarkup(assignee.name) : '_None_', short: true },
    { title: 'Milestone', value: issue.milestone ? stripMarkup(issue.milestone.title) : '_None_', short: true },
    { title: 'Labels', value: labels.length > 0 ? labels.map(stripMarkup).join(', ') : '_None_', short: true },
  ];
  if (typeof issue.weight === 'number') fields.push({ title: 'Weight', value: String(issue.weight), short: true });
  return fields;
}

type CardParts = Omit<ChatAttachment, 'title' | 'titleLink' | 'authorName' | 'authorIcon'>;
type CardAuthor = { name: string; avatar_url?: string | null };

/**
 * GitLab's issue card: the title links to the issue (or `titleLink`), the author (the issue's,
 * unless given) is shown with their avatar. Presenters add pretext, text, fallback and which parts
 * Slack renders as mrkdwn.
 */
export function issueCard(
  issue: ApiIssue,
  parts: CardParts,
  { author = issue.author, titleLink = issue.web_url }: { author?: CardAuthor; titleLink?: string } = {},
): ChatAttachment {
  return {
    title: `${safeTitle(issue)} · ${issueReference(issue)}`,
    titleLink,
    authorName: author.name,
    // Left out rather than null when the user has no avatar.
    ...(author.avatar_url ? { authorIcon: author.avatar_url } : {}),
    ...parts,
  };
}
