import { type MergeRequestEvent, type MergeRequestReviewer, projectFullName } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { firstLine, toSentence, userCombinedName } from './text';

type ReviewersChange = NonNullable<NonNullable<MergeRequestEvent['changes']>['reviewers']>;

/**
 * GitLab's merge request notification (MergeMessage):
 * `Full Name (username) <what happened> merge request [!iid *title*](url) in [project](url)`,
 * without attachments.
 *
 * Returns `null` for `update` actions that did not change the reviewers: GitLab ignores those
 * (every edit fires a hook) but announces review requests and reviewer removals.
 */
export function buildMergeRequestMessage(event: MergeRequestEvent): ChatMessage | null {
  const attrs = event.object_attributes;
  const reviewers = event.changes?.reviewers;
  if (attrs.action === 'update' && !reviewers) return null;

  const projectUrl = event.project.web_url;
  // GitLab links the MR through the project URL and never uses the payload's `url`.
  const mrUrl = `${projectUrl}/-/merge_requests/${attrs.iid}`;
  // Only the first line of the title, bold; `\r` goes too, as Ruby's `chomp` removes it.
  const title = `*${stripMarkup(firstLine(attrs.title).replace(/\r$/, ''))}*`;
  const mrLink = markdownLink(`!${attrs.iid} ${title}`, mrUrl);
  const projectLink = markdownLink(projectFullName(event.project), projectUrl);
  const who = stripMarkup(userCombinedName(event.user));
  const what = stateOrActionText(attrs.action, attrs.state ?? '', reviewers);
  return { text: `${who} ${what} merge request ${mrLink} in ${projectLink}`, attachments: [] };
}

function stateOrActionText(
  action: string | null | undefined,
  state: string,
  reviewers: ReviewersChange | null | undefined,
): string {
  switch (action) {
    case 'approved':
    case 'unapproved':
      return action;
    case 'approval':
      return 'added their approval to';
    case 'unapproval':
      return 'removed their approval from';
    case 'update':
      return reviewers ? reviewersChangeText(reviewers, state) : state;
    default:
      return state;
  }
}

function reviewersChangeText({ previous, current }: ReviewersChange, state: string): string {
  if (current.length === 0) return 'removed all reviewers from';

  // Newly added reviewers, then those asked again (GitLab's array union keeps each one once).
  const requested = uniqueByUsername([
    ...withoutUsernamesOf(current, previous),
    ...current.filter((r) => r.re_requested === true),
  ]);
  if (requested.length > 0) return `requested a review from ${reviewerNames(requested)} of`;

  const removed = withoutUsernamesOf(previous, current);
  if (removed.length > 0)
    return `removed ${reviewerNames(removed)} as ${removed.length === 1 ? 'reviewer' : 'reviewers'} from`;
  return state;
}

function withoutUsernamesOf(reviewers: MergeRequestReviewer[], others: MergeRequestReviewer[]): MergeRequestReviewer[] {
  const usernames = new Set(others.map((r) => r.username));
  return reviewers.filter((r) => !usernames.has(r.username));
}

function uniqueByUsername(reviewers: MergeRequestReviewer[]): MergeRequestReviewer[] {
  const seen = new Set<string | null | undefined>();
  return reviewers.filter((r) => {
    if (seen.has(r.username)) return false;
    seen.add(r.username);
    return true;
  });
}

function reviewerNames(reviewers: MergeRequestReviewer[]): string {
  return toSentence(reviewers.map((r) => stripMarkup(`${r.name ?? ''} (${r.username ?? ''})`)));
}
