import { isTagRef, isZeroSha, projectFullName, type PushEvent, refName } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { DEFAULT_ATTACHMENT_COLOR, refPath } from './text';

/** GitLab's push and tag push notification (PushMessage). */
export function buildPushMessage(event: PushEvent): ChatMessage {
  const projectUrl = event.project.web_url;
  const projectLink = markdownLink(projectFullName(event.project), projectUrl);
  const ref = refName(event.ref);
  const refType = isTagRef(event.ref) ? 'tag' : 'branch';
  const refUrl = `${projectUrl}/-/${refType === 'tag' ? 'tags' : 'commits'}/${refPath(ref)}`;
  // GitLab shows the pusher's name raw; ours is stripped of link markup like every other name.
  const name = stripMarkup(event.user_name);

  if (isZeroSha(event.before)) {
    return { text: `${name} pushed new ${refType} ${markdownLink(ref, refUrl)} to ${projectLink}`, attachments: [] };
  }
  if (isZeroSha(event.after)) {
    return { text: `${name} removed ${refType} ${stripMarkup(ref)} from ${projectLink}`, attachments: [] };
  }

  const compareUrl = `${projectUrl}/-/compare/${event.before}...${event.after}`;
  const text = `${name} pushed to ${refType} ${markdownLink(ref, refUrl)} of ${projectLink} ([Compare changes](${compareUrl}))`;
  const commitLines = event.commits.map((commit) => {
    const title = commit.title ?? commit.message.split('\n')[0] ?? '';
    return `[${commit.id.slice(0, 8)}](${commit.url}): ${stripMarkup(title)} - ${stripMarkup(commit.author.name)}`;
  });
  return { text, attachments: [{ text: commitLines.join('\n\n'), color: DEFAULT_ATTACHMENT_COLOR }] };
}
