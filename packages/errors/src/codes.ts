/**
 * Every error the suite reports, in one registry. Codes are part of the public contract
 * (HTTP error bodies, delivery records, logs): add new ones, never rename.
 */
export const ErrorCode = {
  // Inbound HTTP: the caller's fault, never retried by us.
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  MalformedBody: 'malformed_body',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  MissingEventHeader: 'missing_event_header',
  UnknownEvent: 'unknown_event',
  Unauthorized: 'unauthorized',
  InvalidToken: 'invalid_token',
  InvalidSignature: 'invalid_signature',
  StaleTimestamp: 'stale_timestamp',
  NotFound: 'not_found',
  UnknownEndpoint: 'unknown_endpoint',
  /** An operator disabled the webhook endpoint; it may be enabled again. */
  EndpointDisabled: 'endpoint_disabled',
  /** An administrator turned the Slack app off: Slack's requests and installs are refused. */
  SlackAppDisabled: 'slack_app_disabled',
  /** A project endpoint was sent a payload about another project. */
  ProjectMismatch: 'project_mismatch',
  MethodNotAllowed: 'method_not_allowed',
  Conflict: 'conflict',
  /** A webhook endpoint or chat team sent more than its budget (docs/http.md); Retry-After says when to retry. */
  RateLimited: 'rate_limited',
  // Infrastructure: ours, transient.
  QueueUnavailable: 'queue_unavailable',
  DatabaseUnavailable: 'database_unavailable',
  // Jobs.
  InvalidJobData: 'invalid_job_data',
  /** PostgreSQL refused a value in the job's data (NUL, a lone surrogate…): no retry changes it. */
  UnstorableValue: 'unstorable_value',
  NotImplemented: 'not_implemented',
  // Chat providers and code host.
  ChatRateLimited: 'chat_rate_limited',
  ChatUnavailable: 'chat_unavailable',
  ChatRejected: 'chat_rejected',
  /** The chat server refused the token chatops holds for it: revoked, or without the permission asked for. */
  ChatForbidden: 'chat_forbidden',
  /** Another delivery is posting the first message of the thread this one replies in. */
  ThreadRootPending: 'thread_root_pending',
  /** Another try claimed this delivery moments ago and may be posting it right now. */
  DeliveryInProgress: 'delivery_in_progress',
  GitLabUnavailable: 'gitlab_unavailable',
  GitLabRejected: 'gitlab_rejected',
  // Configuration.
  InvalidConfig: 'invalid_config',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation_failed: 400,
  malformed_body: 400,
  missing_event_header: 400,
  unknown_event: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthorized: 401,
  invalid_token: 401,
  invalid_signature: 401,
  stale_timestamp: 401,
  not_found: 404,
  unknown_endpoint: 404,
  endpoint_disabled: 403,
  slack_app_disabled: 403,
  project_mismatch: 403,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  queue_unavailable: 503,
  database_unavailable: 503,
  not_implemented: 501,
  // Answered when an operator's request needed the chat server (setting a slash command up, say).
  chat_forbidden: 403,
  chat_unavailable: 502,
  chat_rejected: 502,
};

/** The HTTP status the gateway answers for an error code; 500 for anything unmapped. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}
