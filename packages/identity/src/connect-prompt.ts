import { type ChatReply, ephemeral } from '@chatops/chat';
import { linkUrl } from './from-env';
import { type LinkRequest, type LinkRequests } from './link-requests';

/**
 * GitLab's "connect your GitLab account" answer (Presenters::Access#authorize) to a chat user
 * with no usable link. Without a URL (linking is not configured, or the request lacked the
 * user's identity) there is nothing to offer.
 */
export function authorizeReply(url: string | null): ChatReply {
  const text = url
    ? `:wave: Hi there! Before I do anything for you, please [connect your GitLab account](${url}).`
    : ":sweat_smile: Couldn't identify you, nor can I authorize you!";
  return ephemeral({ text });
}

/** The connect answer with a fresh link for this chat user (null `links`: linking is off). */
export async function connectPrompt(
  links: LinkRequests | null,
  publicUrl: string,
  who: LinkRequest,
): Promise<ChatReply> {
  if (!links) return authorizeReply(null);
  return authorizeReply(linkUrl(publicUrl, await links.issue(who)));
}
