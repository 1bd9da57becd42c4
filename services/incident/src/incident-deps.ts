import {
  type ChatSenders,
  type FormSessions,
  type MattermostDialogs,
  type ResponseUrlReplier,
  type SlackAppClient,
} from '@chatops/chat';
import { type Db, type SecretBox } from '@chatops/db';
import { type GitLabClient } from '@chatops/gitlab';
import { type LinkRequests, type UserTokens } from '@chatops/identity';
import { type DeclareState } from './declare/declare-session';
import { type PendingChoices } from './follow-up/pending-choices';

/** What the incident service's actions use; built once in app.ts. */
export interface IncidentDeps {
  db: Db;
  box: SecretBox;
  /** Null when GitLab OAuth is not configured: nobody is linked, nothing can be done as a user. */
  tokens: UserTokens | null;
  gitlab: GitLabClient | null;
  links: LinkRequests;
  slack: SlackAppClient;
  /** Posts messages (an incident channel's first one). */
  senders: ChatSenders;
  dialogs: MattermostDialogs;
  replier: ResponseUrlReplier;
  /** Open declare forms, by Slack view id or (Mattermost) chatops' own form id. */
  forms: FormSessions<DeclareState>;
  /** Follow-ups waiting for the user to pick an incident, by the question's id. */
  choices: PendingChoices;
  /** Signs Mattermost dialog states and button contexts (see @chatops/chat formStateKey). */
  formStateKey: Buffer;
  /** The gateway's public URL: Mattermost posts dialogs and buttons there. */
  publicUrl: string;
}
