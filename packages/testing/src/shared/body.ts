import formBody from '@fastify/formbody';
import { type FastifyInstance } from 'fastify';

/** A JSON body that did not parse; handlers answer it the way each real service does (not fastify's default 400). */
export class InvalidJson {
  constructor(readonly raw: string) {}
}

/** Parsed request body: an object for JSON and forms, a string for other content types, or an InvalidJson marker. */
export type RequestBody = Record<string, unknown> | unknown[] | string | InvalidJson | undefined;

/**
 * JSON is parsed leniently (bad JSON becomes InvalidJson) and unknown content types arrive as text,
 * because the real services answer malformed bodies with their own error shapes, and Mattermost
 * even treats a text/plain command response as the message text.
 */
export async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  await app.register(formBody);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseJson(String(body)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, String(body));
  });
}

export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return new InvalidJson(raw);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof InvalidJson);
}

/** A form field as one string (repeated fields keep the last value, like most form readers). */
export function stringField(value: unknown): string | undefined {
  if (Array.isArray(value)) return stringField(value[value.length - 1]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Form bodies carry booleans as "true"/"false" (that is how WebClient serializes them). */
export function booleanField(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = stringField(value);
  if (text === undefined) return undefined;
  return text === 'true' || text === '1';
}

/**
 * Slack-style webhook bodies: JSON, or a form whose `payload` field holds the JSON. Returns the
 * payload object, InvalidJson when it does not parse, or undefined when there is no payload at all.
 */
export function webhookPayload(body: unknown): Record<string, unknown> | InvalidJson | undefined {
  if (body instanceof InvalidJson) return body;
  if (typeof body === 'string') return toPayload(parseJson(body));
  if (!isRecord(body)) return undefined;
  const formPayload = body['payload'];
  if (formPayload !== undefined) {
    const text = stringField(formPayload);
    return text === undefined ? new InvalidJson('') : toPayload(parseJson(text));
  }
  return body;
}

function toPayload(value: unknown): Record<string, unknown> | InvalidJson | undefined {
  if (value === undefined || value instanceof InvalidJson || isRecord(value)) return value;
  return new InvalidJson(JSON.stringify(value));
}
