import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';

/*
 * GitLab's refusals and errors (Presenters::Access, Presenters::Error), word for word.
 * All are ephemeral: they concern only the user who typed the command.
 */

/** The user may not run this command in the project (or cannot see it). */
export function accessDeniedReply(projectUrl: string, flavour: ChatFlavour): CommandReply {
  const text =
    'You are not allowed to perform the given chatops command. Most\n' +
    'likely you do not have access to the GitLab project for this chatops\n' +
    'integration.\n\n' +
    'The GitLab project for this chatops integration can be found at\n' +
    `${projectUrl}.\n`;
  return ephemeral({ text }, flavour);
}

/** Refusal without project details, e.g. commenting on a locked discussion. */
export function genericAccessDeniedReply(flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: 'You are not allowed to perform the given chatops command.' }, flavour);
}

/** The linked GitLab account is deactivated; signing in on the web reactivates it. */
export function deactivatedReply(gitlabUrl: string, flavour: ChatFlavour): CommandReply {
  const text =
    'You are not allowed to perform the given ChatOps command. Most likely\n' +
    `your ${gitlabUrl} account needs to be reactivated.\n\n` +
    `Please log back in from a web browser to reactivate your account at ${gitlabUrl}\n`;
  return ephemeral({ text }, flavour);
}

/** The issue (or project) does not exist or the user cannot see it; GitLab does not say which. */
export function notFoundReply(flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: "404 not found! GitLab couldn't find what you were looking for! :boom:" }, flavour);
}

/**
 * The chat user has no linked GitLab account: asks them to connect it at `url`. Without a URL
 * (the request lacked the user's identity) there is nothing to offer.
 */
export function authorizeReply(url: string | null, flavour: ChatFlavour): CommandReply {
  const text = url
    ? `:wave: Hi there! Before I do anything for you, please [connect your GitLab account](${url}).`
    : ":sweat_smile: Couldn't identify you, nor can I authorize you!";
  return ephemeral({ text }, flavour);
}

/** `/gitlab <alias> …` named no project installed in this workspace. */
export function projectNotFoundReply(flavour: ChatFlavour): CommandReply {
  return errorReply('GitLab error: project or alias not found', flavour);
}

/** Any other failure, with its message as the whole reply. */
export function errorReply(message: string, flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: message }, flavour);
}
