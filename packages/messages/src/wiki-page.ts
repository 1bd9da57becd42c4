import { projectFullName, type WikiPageEvent } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { DEFAULT_ATTACHMENT_COLOR, expandRelativeUploads, userCombinedName } from './text';

/**
 * GitLab's wiki page notification (WikiPageMessage):
 * "<user> created|edited [wiki page](url) ([Compare changes](diff url)) in <project>: *<title>*",
 * with the wiki commit message as the attachment. GitLab notifies for every wiki action.
 */
export function buildWikiPageMessage(event: WikiPageEvent): ChatMessage {
  const attrs = event.object_attributes;
  const projectUrl = event.project.web_url;
  const projectLink = markdownLink(projectFullName(event.project), projectUrl);
  // Payloads from GitLab versions before the diff link existed get the older text, without it.
  const compare = attrs.diff_url ? ` (${markdownLink('Compare changes', attrs.diff_url)})` : '';
  // GitLab does not strip markup from the user name and page title here (it does in its note and
  // deployment messages); we do, which changes nothing for text without `< > [ ] |`.
  const user = stripMarkup(userCombinedName(event.user));
  const text = `${user} ${actionText(attrs.action)} ${markdownLink('wiki page', attrs.url)}${compare} in ${projectLink}: *${stripMarkup(attrs.title)}*`;
  return {
    text,
    attachments: [{ text: expandRelativeUploads(attrs.message ?? '', projectUrl), color: DEFAULT_ATTACHMENT_COLOR }],
  };
}

/**
 * GitLab maps only `create` and `update`; any other action (`delete`) leaves the verb empty, and
 * GitLab still posts the message (with a doubled space). We keep that text as GitLab sends it.
 */
function actionText(action: string): string {
  switch (action) {
    case 'create':
      return 'created';
    case 'update':
      return 'edited';
    default:
      return '';
  }
}
