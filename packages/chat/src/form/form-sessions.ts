import { type Cluster, type Redis } from 'ioredis';
import { type FormOption } from './chat-form';

/** A form shown to one user, kept while it is open: who it is for, and what the app needs back. */
export interface FormSession<State> {
  /** The app's own state (e.g. the selected project, the command's response URL). */
  state: State;
  /** Options the platform asks for while the user types (Slack's external selects), by action id. */
  options: Record<string, FormOption[]>;
}

/** Slack closes a modal after an hour of inactivity at the latest; a session outlives it a little. */
const SESSION_TTL_SECONDS = 75 * 60;
/** Slack shows at most 100 options in a select. */
const MAX_OPTIONS = 100;

/**
 * Open forms in Redis, by the platform's view id (Slack) or the app's own form id (Mattermost),
 * so every replica of every service can answer for them. Expire on their own.
 */
export class FormSessions<State> {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly name: string,
  ) {}

  private key(formId: string): string {
    return `${this.prefix}:form:${this.name}:${formId}`;
  }

  async save(formId: string, session: FormSession<State>): Promise<void> {
    await this.redis.set(this.key(formId), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
  }

  async load(formId: string): Promise<FormSession<State> | null> {
    const raw = await this.redis.get(this.key(formId));
    return raw === null ? null : (JSON.parse(raw) as FormSession<State>);
  }

  /** Replaces the options of one action (fetched after the form opened). */
  async setOptions(formId: string, actionId: string, options: FormOption[]): Promise<void> {
    const session = await this.load(formId);
    if (!session) return;
    await this.save(formId, { ...session, options: { ...session.options, [actionId]: options.slice(0, 500) } });
  }

  async forget(formId: string): Promise<void> {
    await this.redis.del(this.key(formId));
  }

  /**
   * The options of `actionId` that match what the user typed (case-insensitive, anywhere in the
   * text), at most 100: what Slack's options request is answered with.
   */
  async matchingOptions(formId: string, actionId: string, typed: string): Promise<FormOption[]> {
    const session = await this.load(formId);
    return filterOptions(session?.options[actionId] ?? [], typed);
  }
}

export function filterOptions(options: readonly FormOption[], typed: string): FormOption[] {
  const needle = typed.trim().toLowerCase();
  const matching = needle === '' ? options : options.filter((o) => o.text.toLowerCase().includes(needle));
  return matching.slice(0, MAX_OPTIONS);
}
