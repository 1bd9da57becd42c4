import { type ChatReply, ephemeral, stripMarkup } from '@chatops/chat';

/** Sent to the command's response URL once the user has connected their account on the web. */
export function linkConfirmedReply(gitlabUsername: string): ChatReply {
  const text = `Your GitLab account @${stripMarkup(gitlabUsername)} is now connected. Run your command again.`;
  return ephemeral({ text });
}
