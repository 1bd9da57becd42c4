import { DEMO_EVENTS, type EventEffects, findEvent, REPLAY_SEQUENCE } from './catalog';
import { postGitLabEvent, type WebhookTarget } from './send';
import { newStory, type Story } from './story';

/** One event sent (or not), as the viewer's activity log shows it. */
export interface ActivityEntry {
  /** Increases with every send, so a reader can tell new entries from those it has shown. */
  seq: number;
  at: number;
  event: string;
  label: string;
  /** The gateway's HTTP status, or 0 when nothing reached it. */
  status: number;
  detail: string;
}

export interface DirectorOptions {
  gitlabUrl: string;
  /** Where to send; undefined until the demo is seeded. */
  target(): Promise<WebhookTarget | undefined>;
  effects: EventEffects;
  now?: () => number;
}

const ACTIVITY_KEPT = 30;

export class UnknownEventError extends Error {}

/**
 * Sends the demo's GitLab events: one at a time (a viewer button, `scripts/demo.sh send`) or the whole
 * sequence. Single events belong to the current story, so "pipeline failed" then "pipeline fixed"
 * edit one card; a replay starts a new story.
 */
export class EventDirector {
  private story: Story;
  private stories = 1;
  /** Whether an event of the current story went out: a replay then starts a new one. */
  private storyUsed = false;
  private replaying = false;
  private sent = 0;
  readonly activity: ActivityEntry[] = [];

  constructor(private readonly options: DirectorOptions) {
    this.story = newStory(this.stories, this.now());
  }

  get events() {
    return DEMO_EVENTS;
  }

  get isReplaying(): boolean {
    return this.replaying;
  }

  async send(name: string): Promise<ActivityEntry> {
    const event = findEvent(name);
    if (event === undefined) throw new UnknownEventError(`unknown event ${name}`);
    this.sent += 1;
    const entry: ActivityEntry = {
      seq: this.sent,
      at: this.now(),
      event: event.name,
      label: event.label,
      status: 0,
      detail: '',
    };
    try {
      const target = await this.options.target();
      if (target === undefined) {
        entry.detail = 'the demo is not seeded yet (run make demo)';
      } else {
        this.storyUsed = true;
        const payload = await event.build(
          { story: this.story, gitlabUrl: this.options.gitlabUrl, now: entry.at },
          this.options.effects,
        );
        const answer = await postGitLabEvent(target, event.header, payload, this.options.gitlabUrl);
        entry.status = answer.status;
        entry.detail = answer.status === 202 ? `accepted: expect ${event.expect}` : answer.body.slice(0, 300);
      }
    } catch (error) {
      entry.detail = error instanceof Error ? error.message : String(error);
    }
    this.activity.unshift(entry);
    this.activity.length = Math.min(this.activity.length, ACTIVITY_KEPT);
    return entry;
  }

  /** The whole sequence under a fresh story, `delayMs` apart; a replay already running makes this a no-op. */
  async replay(delayMs: number): Promise<ActivityEntry[]> {
    if (this.replaying) return [];
    this.replaying = true;
    try {
      if (this.storyUsed) {
        this.stories += 1;
        this.story = newStory(this.stories, this.now());
        this.storyUsed = false;
      }
      const entries: ActivityEntry[] = [];
      for (const [index, name] of REPLAY_SEQUENCE.entries()) {
        if (index > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        entries.push(await this.send(name));
      }
      return entries;
    } finally {
      this.replaying = false;
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
