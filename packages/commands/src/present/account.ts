import { stripMarkup } from '@chatops/messages';
import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';

/** `unlink`: the chat user's GitLab account was disconnected. */
export function unlinkedReply(gitlabUsername: string, flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: `Your GitLab account @${stripMarkup(gitlabUsername)} is no longer connected.` }, flavour);
}

/** `unlink` by a chat user who has no GitLab account connected. */
export function notLinkedReply(flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: 'No GitLab account is connected to your chat account.' }, flavour);
}

/** Sent to the command's response URL once the user has connected their account on the web. */
export function linkConfirmedReply(gitlabUsername: string, flavour: ChatFlavour): CommandReply {
  const text = `Your GitLab account @${stripMarkup(gitlabUsername)} is now connected. Run your command again.`;
  return ephemeral({ text }, flavour);
}
