import { type NoteEvent, projectFullName } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { DEFAULT_ATTACHMENT_COLOR, expandRelativeUploads, firstLine, userCombinedName } from './text';

/**
 * GitLab's note notification (NoteMessage), for `note` and `confidential_note`:
 * "<user> [commented on <target>](<note url>) in <project>: *<first line of the target's title>*",
 * with the note as the attachment. Created and edited notes both notify.
 *
 * Returns null for notes GitLab does not announce: noteables other than commits, issues, merge
 * requests and snippets (designs, alerts...), or a payload without the noteable object. GitLab's
 * own builder raises on those, so nothing is posted.
 */
export function buildNoteMessage(event: NoteEvent): ChatMessage | null {
  const target = noteTarget(event);
  if (!target) return null;

  const projectUrl = event.project.web_url;
  const projectLink = markdownLink(projectFullName(event.project), projectUrl);
  const commented = markdownLink(`commented on ${target.label}`, event.object_attributes.url);
  const title = stripMarkup(titleLine(target.title));
  return {
    text: `${stripMarkup(userCombinedName(event.user))} ${commented} in ${projectLink}: *${title}*`,
    // The note is shown as written (GitLab only converts its links), with uploads made absolute.
    attachments: [
      { text: expandRelativeUploads(event.object_attributes.note, projectUrl), color: DEFAULT_ATTACHMENT_COLOR },
    ],
  };
}

interface NoteTarget {
  label: string;
  title: string;
}

function noteTarget(event: NoteEvent): NoteTarget | undefined {
  const { commit, issue, merge_request: mergeRequest, snippet } = event;
  switch (event.object_attributes.noteable_type) {
    case 'Commit':
      return commit ? { label: `commit ${commit.id.slice(0, 8)}`, title: commit.message } : undefined;
    case 'Issue':
      return issue ? { label: `issue #${issue.iid}`, title: issue.title } : undefined;
    case 'MergeRequest':
      return mergeRequest ? { label: `merge request !${mergeRequest.iid}`, title: mergeRequest.title } : undefined;
    case 'Snippet':
      return snippet ? { label: `snippet $${snippet.id}`, title: snippet.title } : undefined;
    default:
      return undefined;
  }
}

/** Ruby's `title.lines.first.chomp`: the first line without its line ending (CRLF included). */
function titleLine(title: string): string {
  return firstLine(title).replace(/\r$/, '');
}
