import { type FollowUp } from './follow-up-incident';

/** What the user asked, whichever way the incident is found (their own channel, or the chooser). */
export interface FollowUpRequest {
  command: FollowUp;
  /** The comment or timeline text ('' for close). */
  text: string;
  /** When they typed the command (the timeline event's time). */
  requestedAt: Date;
  /** Whether the answer replaces the chooser (the answer to a click) or stands alone. */
  replacing: boolean;
}
