import { type IssueEvent, projectFullName } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { expandRelativeUploads, userCombinedName } from './text';

/** The colour GitLab gives the attachment of a newly opened issue. */
export const ISSUE_ATTACHMENT_COLOR = '#C95823';

/** Which integration event the hook is being notified as (see eventKindOf). */
export type IssueNotificationKind = 'issue' | 'confidential_issue' | 'incident';

/**
 * GitLab's notification for issues, other work items and incidents (IssueMessage):
 * `[project] Type [#iid title](url) state by Full Name (username)`, plus the description as an
 * attachment when the issue was just opened.
 *
 * Returns `null` when GitLab sends nothing for the payload:
 * - `update` actions (a hook fires for every edit, which would flood the channel);
 * - work items of type Incident notified as an issue, because the incident hook reports them
 *   (only when the kind is `incident` are they announced).
 */
export function buildIssueMessage(event: IssueEvent, kind: IssueNotificationKind): ChatMessage | null {
  const attrs = event.object_attributes;
  if (attrs.action === 'update') return null;
  if (kind !== 'incident' && event.object_kind === 'work_item' && attrs.type === 'Incident') return null;

  // `??`: Ruby's `||` keeps an empty string, so only a missing type falls back.
  const typeLabel = attrs.type ?? (kind === 'incident' || event.object_kind === 'incident' ? 'Incident' : 'Issue');
  const issueTitle = `#${attrs.iid} ${stripMarkup(attrs.title)}`;
  const projectName = projectFullName(event.project);
  // GitLab leaves the project out when it has no name to show (Ruby `present?`: not blank).
  const projectPart = projectName.trim() === '' ? '' : `[${markdownLink(projectName, event.project.web_url)}] `;
  const by = stripMarkup(userCombinedName(event.user));
  const text = `${projectPart}${typeLabel} ${markdownLink(issueTitle, attrs.url)} ${attrs.state ?? ''} by ${by}`;

  if (attrs.action !== 'open') return { text, attachments: [] };
  return {
    text,
    attachments: [
      {
        title: issueTitle,
        titleLink: attrs.url,
        // GitLab's format(): project uploads become absolute URLs (the renderer does the links and
        // shows everything else literally, Slack link syntax and mentions included).
        text: expandRelativeUploads(attrs.description ?? '', event.project.web_url),
        color: ISSUE_ATTACHMENT_COLOR,
      },
    ],
  };
}
