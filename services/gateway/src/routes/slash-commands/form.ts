import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';

/** Slash-command requests are small (Slack caps `text` at a few thousand characters). */
export const SLASH_BODY_LIMIT_BYTES = 64 * 1024;

/** The fields Slack and Mattermost both send with a slash command (same names on both). */
const slashCommandFormSchema = z.object({
  team_id: z.string().min(1),
  team_domain: z.string().optional(),
  enterprise_id: z.string().optional(),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  command: z.string().min(1),
  text: z.string().default(''),
  response_url: z.url({ protocol: /^https?$/ }),
  trigger_id: z.string().optional(),
  token: z.string().optional(),
});
export type SlashCommandForm = z.output<typeof slashCommandFormSchema>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The form body exactly as received (Slack signs these bytes). */
    rawForm?: Buffer;
  }
}

/**
 * Accepts `application/x-www-form-urlencoded` only, keeping the raw bytes for signature checks.
 * Parsing into fields waits until the request is authenticated.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: SLASH_BODY_LIMIT_BYTES },
    (request, body, done) => {
      request.rawForm = body as Buffer;
      done(null, {});
    },
  );
}

/** Reads the form into slash-command fields; missing or repeated fields are a 400 naming them. */
export function parseSlashCommandForm(raw: Buffer | undefined): SlashCommandForm {
  if (raw === undefined || raw.length === 0)
    throw new AppError(ErrorCode.MalformedBody, 'a form-encoded body is required');
  const text = raw.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError(ErrorCode.MalformedBody, 'the form is not valid UTF-8');
  const params = new URLSearchParams(text);
  const fields: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) throw new AppError(ErrorCode.MalformedBody, `form field ${key.slice(0, 40)} is repeated`);
    fields[key] = values[0] ?? '';
  }
  const parsed = slashCommandFormSchema.safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`);
    throw new AppError(ErrorCode.ValidationFailed, `invalid slash command: ${problems.join('; ')}`, {
      details: { fields: problems },
    });
  }
  return parsed.data;
}
