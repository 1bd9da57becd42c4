import { type ChatReply } from '@chatops/chat';
import { gitlabFailureOf, validationMessages } from '@chatops/gitlab';
import { accessDeniedReply, actionFailedReply, notFoundReply, unreachableReply } from './follow-up-replies';

/**
 * GitLab's refusal of a follow-up as the user's answer, in GitLab's slash-command texts: 403 → not
 * allowed, 404 → not found, validation errors listed; no answer (5xx, timeout) → "could not be
 * reached". A 401 is `relink`: GitLab no longer takes the user's token.
 */
export function followUpFailure(error: unknown, replacing: boolean): ChatReply | 'relink' {
  const failure = gitlabFailureOf(error);
  switch (failure.status) {
    case 401:
      return 'relink';
    case 403:
      return accessDeniedReply(replacing);
    case 404:
      return notFoundReply(replacing);
    case 400:
    case 409:
    case 422:
      return actionFailedReply(validationMessages(failure.message), replacing);
    default:
      return unreachableReply(replacing);
  }
}
