import { type ChatReply, ephemeral, stripMarkup } from '@chatops/chat';
import { findChatIdentity } from '@chatops/db';
import { defineCommand, matchExactly } from './slash-command';

/** `unlink`: disconnects the chat user's GitLab account. */
export const unlink = defineCommand<Record<string, never>>({
  name: 'unlink',
  usage: 'unlink',
  offered: 'always',
  scope: 'chat',
  match: (text) => matchExactly('unlink', text),
  async run({ job, services }) {
    const identity = await findChatIdentity(services.db, {
      provider: job.provider,
      teamId: job.teamId,
      chatUserId: job.userId,
    });
    if (!identity || !services.tokens) return notLinkedReply();
    await services.tokens.unlink(identity.id);
    return unlinkedReply(identity.gitlabUsername);
  },
});

/** `unlink`: the chat user's GitLab account was disconnected. */
export function unlinkedReply(gitlabUsername: string): ChatReply {
  return ephemeral({ text: `Your GitLab account @${stripMarkup(gitlabUsername)} is no longer connected.` });
}

/** `unlink` by a chat user who has no GitLab account connected. */
export function notLinkedReply(): ChatReply {
  return ephemeral({ text: 'No GitLab account is connected to your chat account.' });
}
