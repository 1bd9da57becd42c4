import { randomUUID } from 'node:crypto';
import { CHAT_PLATFORMS } from '@chatops/chat';
import { INCIDENT_FOLLOW_UPS, type RedisConnection } from '@chatops/jobs';
import { z } from 'zod';
import { followUpIncidentSchema } from './follow-up-incident';

/** A command's response URL lives 30 minutes (Slack and Mattermost alike): so does the question. */
const CHOICE_TTL_SECONDS = 30 * 60;

const pendingChoiceSchema = z.object({
  command: z.enum(INCIDENT_FOLLOW_UPS),
  /** The comment or timeline text ('' for close). */
  text: z.string(),
  /** When the user typed the command: a timeline event happened then, not when they clicked. */
  requestedAt: z.iso.datetime(),
  /** Their link to GitLab: the follow-up is done as them. */
  identityId: z.string(),
  /** The command's response URL: where the outcome goes when the click brings none (Mattermost). */
  responseUrl: z.string(),
  platform: z.enum(CHAT_PLATFORMS),
  teamId: z.string(),
  /** The chat user who asked: only their click counts. */
  userId: z.string(),
  /** The incidents offered, in the buttons' order. */
  incidents: z.array(followUpIncidentSchema),
});

/** A follow-up waiting for the user to pick an incident. */
export type PendingChoice = z.infer<typeof pendingChoiceSchema>;

/**
 * The questions "which incident?" in Redis, by a random id, for every replica; each expires with
 * its response URL and is answered once.
 */
export class PendingChoices {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  private key(choiceId: string): string {
    return `${this.prefix}:incident-choice:${choiceId}`;
  }

  /** Remembers the question; resolves with its id. */
  async save(choice: PendingChoice): Promise<string> {
    const choiceId = randomUUID();
    await this.redis.set(this.key(choiceId), JSON.stringify(choice), 'EX', CHOICE_TTL_SECONDS);
    return choiceId;
  }

  /** The question, without answering it (null once expired or answered). */
  async peek(choiceId: string): Promise<PendingChoice | null> {
    return parse(await this.redis.get(this.key(choiceId)));
  }

  /** Answers the question: the one caller that gets it back acts on it; everyone later gets null. */
  async take(choiceId: string): Promise<PendingChoice | null> {
    return parse(await this.redis.getdel(this.key(choiceId)));
  }
}

function parse(raw: string | null): PendingChoice | null {
  if (raw === null) return null;
  const parsed = pendingChoiceSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** A button's value: the question and the position of the incident it offers. */
export function choiceValue(choiceId: string, index: number): string {
  return `${choiceId}:${index}`;
}

/** The question and position a button's value names, or null when it names none. */
export function parseChoiceValue(value: string): { choiceId: string; index: number } | null {
  const match = /^(?<choiceId>[^:]+):(?<index>\d{1,3})$/.exec(value);
  if (!match?.groups) return null;
  return { choiceId: match.groups['choiceId'] ?? '', index: Number(match.groups['index']) };
}
