import { AppError, ErrorCode } from '@chatops/errors';
import { type EventKind, pushEventSchema } from '@chatops/gitlab';
import { buildPushMessage, type NotificationMessage } from '@chatops/messages';
import { type RefContext } from './ref-filter';

export interface BuiltEvent {
  message: NotificationMessage;
  refContext: RefContext;
}

type Builder = (payload: Record<string, unknown>) => BuiltEvent;

function parseOrReject<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error } }, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new AppError(ErrorCode.MalformedBody, `payload does not match the event: ${parsed.error.message}`);
  return parsed.data;
}

const buildPush: Builder = (payload) => {
  const event = parseOrReject(pushEventSchema, payload);
  return {
    message: buildPushMessage(event),
    refContext: { ref: event.ref, defaultBranch: event.project.default_branch ?? undefined, refProtected: event.ref_protected },
  };
};

/** One builder per event kind. Kinds without one are not notified (yet). */
const BUILDERS: Partial<Record<EventKind, Builder>> = {
  push: buildPush,
  tag_push: buildPush,
};

/** Undefined when no builder exists for this kind; throws a permanent error for a malformed payload. */
export function buildEventMessage(kind: EventKind, payload: Record<string, unknown>): BuiltEvent | undefined {
  return BUILDERS[kind]?.(payload);
}
