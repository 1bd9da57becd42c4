import { type ChatPlatform } from '@chatops/chat';

/** A declare form while it is open (kept in Redis by FormSessions, under the form's id). */
export interface DeclareState {
  platform: ChatPlatform;
  teamId: string;
  /** The chat user it was opened for (only they may see its options, or submit it). */
  userId: string;
  channelId?: string;
  /** Their link to GitLab: the incident is created as them. */
  identityId: string;
  /** The slash command's response URL, where the outcome is told (GitLab's private_metadata). */
  responseUrl: string;
  /** The projects offered, so a submission can only name one of them. */
  projects: Array<{ id: number; path: string }>;
  selectedProjectId: number;
  /** The selected project's template, as prefilled (a Mattermost dialog cannot swap it when the project changes). */
  template: string | null;
}
