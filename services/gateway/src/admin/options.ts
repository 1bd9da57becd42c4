import { type ChatDestination, type MattermostSlashCommands } from '@chatops/chat';
import { type ChatIdentity, type Db, type SecretBox } from '@chatops/db';
import { type JobQueues } from '@chatops/jobs';
import { type OutboundPolicy } from '@chatops/outbound';
import { type SlackAppConfigSource } from '@chatops/slack-app';

/** What the admin API needs; all of it is built in the gateway's composition root (app.ts). */
export interface AdminApiOptions {
  db: Db;
  /** Seals webhook URLs and signing secrets, opens credentials for test messages. */
  box: SecretBox;
  queues: Pick<JobQueues, 'enqueue' | 'requeue' | 'queue' | 'whenConnected'>;
  /** Posts the test messages of "Test settings". */
  senders: ChatDestination;
  /** Which webhook URLs may be stored: none at an internal address unless OUTBOUND_ALLOWED_HOSTS allows it. */
  outbound: OutboundPolicy;
  /** Creates, lists and deletes slash commands in Mattermost with a connection's token. */
  mattermost: MattermostSlashCommands;
  adminToken: string;
  /** Base of the webhook URLs handed out (`<publicUrl>/hooks/gitlab/<id>`). */
  publicUrl: string;
  /** Slack's Web API (SLACK_API_URL): the bot's direct messages, token revocation, doctor's checks. */
  slackApiUrl: string;
  /** The Slack app's settings in effect (environment over database), cached; forgotten after a change. */
  slackApp: SlackAppConfigSource;
  /** Unlinks a chat user and revokes their GitLab tokens (absent when GitLab OAuth is not configured). */
  unlinkIdentity?: (identityId: string) => Promise<ChatIdentity | null>;
}
