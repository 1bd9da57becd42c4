import { type ChatReply, ephemeral } from '@chatops/chat';

/*
 * GitLab's refusals and errors for chat commands (Presenters::Access, Presenters::Error), word for
 * word, for every service that answers a command. All are ephemeral: they concern only the user
 * who typed it.
 */

/** The user may not run this command in the project (or cannot see it). */
export function accessDeniedReply(projectUrl: string): ChatReply {
  const text =
    'You are not allowed to perform the given chatops command. Most\n' +
    'likely you do not have access to the GitLab project for this chatops\n' +
    'integration.\n\n' +
    'The GitLab project for this chatops integration can be found at\n' +
    `${projectUrl}.\n`;
  return ephemeral({ text });
}

/** Refusal without project details, e.g. commenting on a locked discussion. */
export function genericAccessDeniedReply(): ChatReply {
  return ephemeral({ text: 'You are not allowed to perform the given chatops command.' });
}

/** The linked GitLab account is deactivated; signing in on the web reactivates it. */
export function deactivatedReply(gitlabUrl: string): ChatReply {
  const text =
    'You are not allowed to perform the given ChatOps command. Most likely\n' +
    `your ${gitlabUrl} account needs to be reactivated.\n\n` +
    `Please log back in from a web browser to reactivate your account at ${gitlabUrl}\n`;
  return ephemeral({ text });
}

/** The issue (or project) does not exist or the user cannot see it; GitLab does not say which. */
export function notFoundReply(): ChatReply {
  return ephemeral({ text: "404 not found! GitLab couldn't find what you were looking for! :boom:" });
}

/** When GitLab did not answer we cannot know whether a change was made; the user is told so. */
export const GITLAB_UNREACHABLE_TEXT =
  'GitLab could not be reached, so the command may not have run. Please check GitLab before trying again.';

export function unreachableReply(): ChatReply {
  return errorReply(GITLAB_UNREACHABLE_TEXT);
}

/** `/gitlab <alias> …` named no project installed in this workspace. */
export function projectNotFoundReply(): ChatReply {
  return errorReply('GitLab error: project or alias not found');
}

/** Any other failure, with its message as the whole reply. */
export function errorReply(message: string): ChatReply {
  return ephemeral({ text: message });
}
