import { type ChatReply } from '@chatops/chat';
import { accessDeniedReply, actionFailedReply, deactivatedReply, notFoundReply } from '@chatops/messages';
import { gitlabFailureOf, validationMessages } from '@chatops/gitlab';

export type FailureOutcome = { reply: ChatReply } | { relink: true } | { unavailable: true };

/**
 * GitLab's answer to a command made as the user, in GitLab's own chat texts: its 403s for
 * blocked and deactivated users, 404 when the user may not see the object, validation errors
 * listed. A 401 means the user's authorization is gone: they must link again.
 */
export function outcomeOfFailure(error: unknown, context: { projectUrl: string; gitlabUrl: string }): FailureOutcome {
  if (isTokenRejected(error)) return { relink: true };
  const failure = gitlabFailureOf(error);
  switch (failure.status) {
    case 403:
      if (/deactivated/i.test(failure.message)) return { reply: deactivatedReply(context.gitlabUrl) };
      return { reply: accessDeniedReply(context.projectUrl) };
    case 404:
      return { reply: notFoundReply() };
    case 400:
    case 409:
    case 422:
      return { reply: actionFailedReply(validationMessages(failure.message)) };
    default:
      return { unavailable: true };
  }
}

/** GitLab refused the user's token (401): renew it, or link again. */
export function isTokenRejected(error: unknown): boolean {
  return gitlabFailureOf(error).status === 401;
}
