import { AppError, ErrorCode } from '@chatops/errors';

/** A GitLab REST answer that was not a success: its status and GitLab's own message. */
export interface GitLabApiFailure {
  /** undefined when GitLab was not reached (network error, timeout). */
  status: number | undefined;
  /** GitLab's `message` or `error`; validation errors are the JSON of `{ field: [messages] }`. */
  message: string;
}

interface GitbeakerErrorShape {
  name?: string;
  message?: string;
  cause?: { description?: string; response?: { status?: number } };
}

/** What a @gitbeaker/rest error says about GitLab's answer. */
export function gitlabFailureOf(error: unknown): GitLabApiFailure {
  const shape = (error ?? {}) as GitbeakerErrorShape;
  const status = shape.cause?.response?.status;
  return {
    status: typeof status === 'number' ? status : undefined,
    message: shape.cause?.description ?? shape.message ?? String(error),
  };
}

/**
 * GitLab's validation message as sentences: `{"title":["is too long (maximum is 255 characters)"]}`
 * becomes "Title is too long (maximum is 255 characters)", as GitLab's `full_messages` reads.
 */
export function validationMessages(message: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return [message.replace(/^\d{3} [A-Za-z ]+ - /, '')];
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [String(parsed)];
  return Object.entries(parsed as Record<string, unknown>).flatMap(([field, problems]) => {
    const list = Array.isArray(problems) ? problems.map(String) : [String(problems)];
    if (field === 'base') return list;
    const name = field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');
    return list.map((problem) => `${name} ${problem}`);
  });
}

/** A failure GitLab might not repeat (5xx, timeouts, unreachable) as a retryable AppError. */
export function gitlabUnavailable(failure: GitLabApiFailure, cause: unknown): AppError {
  return new AppError(
    ErrorCode.GitLabUnavailable,
    `GitLab did not answer (${failure.status ?? 'network'}): ${failure.message.slice(0, 200)}`,
    { retryable: true, cause },
  );
}
