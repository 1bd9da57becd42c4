/**
 * The shapes shared by the slash-command parser, the presenters and the command-handler.
 * Presenters take the subset of GitLab's REST API objects they show, so the handler can pass
 * API responses straight through.
 */

/** Slack and Mattermost render links differently; everything else in a reply is the same. */
export type ChatFlavour = 'slack' | 'mattermost';

export interface ReplyField {
  title: string;
  value: string;
  short: boolean;
}

export interface ReplyAttachment {
  title?: string;
  title_link?: string;
  author_name?: string;
  author_icon?: string;
  fallback?: string;
  pretext?: string;
  text?: string;
  color?: string;
  fields?: ReplyField[];
  mrkdwn_in?: string[];
}

/** The JSON posted to a command's `response_url` (Slack and Mattermost accept the same shape). */
export interface CommandReply {
  response_type: 'ephemeral' | 'in_channel';
  text?: string;
  attachments?: ReplyAttachment[];
  replace_original?: boolean;
}

/** Filters accepted by `subscribe`, the same names the admin API uses. */
export interface SubscribeOptions {
  /** Event kinds, e.g. ['push', 'merge_request']; empty → GitLab's defaults for new integrations. */
  events: string[];
  branches?: 'all' | 'default' | 'protected' | 'default_and_protected';
  labels?: string[];
  onlyBrokenPipelines?: boolean;
}

/** One slash command, as typed after the trigger word and project alias. */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'unknown'; text: string }
  | { kind: 'issue_show'; iid: number }
  | { kind: 'issue_new'; title: string; description: string }
  | { kind: 'issue_search'; query: string }
  | { kind: 'issue_move'; iid: number; projectPath: string }
  | { kind: 'issue_close'; iid: number }
  | { kind: 'issue_comment'; iid: number; body: string }
  | { kind: 'deploy'; from: string; to: string }
  | { kind: 'run'; job: string; arguments: string }
  | { kind: 'incident_declare' }
  | { kind: 'subscribe'; options: SubscribeOptions }
  | { kind: 'subscribe_invalid'; error: string }
  | { kind: 'unsubscribe' }
  | { kind: 'subscriptions' }
  | { kind: 'unlink' };

export type CommandKind = ParsedCommand['kind'];

/** A GitLab user as the REST API returns it (the fields replies show). */
export interface ApiUser {
  id: number;
  username: string;
  name: string;
  web_url: string;
  avatar_url?: string | null;
}

/** A GitLab project as the REST API returns it (the fields replies show). */
export interface ApiProject {
  id: number;
  name_with_namespace: string;
  path_with_namespace: string;
  web_url: string;
  default_branch?: string | null;
}

/** A GitLab issue as the REST API returns it (the fields replies show). */
export interface ApiIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description?: string | null;
  state: 'opened' | 'closed';
  confidential: boolean;
  web_url: string;
  author: { name: string; username?: string; avatar_url?: string | null };
  assignees?: Array<{ name: string }>;
  milestone?: { title: string } | null;
  labels?: string[];
  upvotes?: number;
  downvotes?: number;
  user_notes_count?: number;
  weight?: number | null;
}
