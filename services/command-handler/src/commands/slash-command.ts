import { type ChatPlatform, type ChatReply } from '@chatops/chat';
import { type ChatIdentity, type Db, type Project } from '@chatops/db';
import { type ApiProject, type ApiUser, type GitLabApi, type GitLabClient } from '@chatops/gitlab';
import { type UserTokens } from '@chatops/identity';
import { type CommandJob, type JobQueues } from '@chatops/jobs';
import { type ChannelDestination } from '../dispatch/command-scope';

/** What every command may use: the stores and clients the command-handler was built with. */
export interface CommandServices {
  db: Db;
  queues: JobQueues;
  /** Null when GitLab OAuth is not configured: nobody is linked. */
  tokens: UserTokens | null;
  /** Null when no GitLab is configured. */
  gitlab: GitLabClient | null;
  /** How often a ChatOps `run` job is checked until it finishes. */
  runPollIntervalMs: number;
}

/** A command that needs no project: it acts on the chat user or channel. */
export interface ChatCommandContext {
  job: CommandJob;
  platform: ChatPlatform;
  services: CommandServices;
}

/** A command run as the linked GitLab user, without a project (it picks one itself). */
export interface UserCommandContext extends ChatCommandContext {
  /** GitLab's REST API as the linked user: GitLab applies their permissions. */
  gitlab: GitLabApi;
  gitlabUrl: string;
  identity: ChatIdentity;
}

/** A command on a project, run as the linked GitLab user once both are known. */
export interface ProjectCommandContext extends UserCommandContext {
  /** The linked user, as replies link them. */
  actor: ApiUser;
  /** The project as we registered it. */
  project: Project;
  /** The project as GitLab shows it to this user. */
  gitlabProject: ApiProject;
  /** Where this channel's notifications would go (`subscribe`), or why they cannot. */
  channelDestination: ChannelDestination | string;
}

/** When help lists a command: always, or when the project (or installation) offers it. */
export type Offered = 'always' | 'issues' | 'builds' | 'incidents';

interface CommandBase<Args> {
  /** A stable name for logs and tests, e.g. `issue_show`. */
  name: string;
  /** The help line after the trigger (GitLab's `help_message` for its own commands). */
  usage: string;
  offered: Offered;
  /** The command's arguments when `text` (trimmed, after the trigger and any project) is this command; else null. */
  match(text: string): Args | null;
}

/** Typed after a project name or alias (or on a project's own Mattermost command). */
export interface ProjectCommand<Args> extends CommandBase<Args> {
  scope: 'project';
  run(context: ProjectCommandContext, args: Args): Promise<ChatReply>;
}

/** Typed without a project, run as the linked GitLab user (asked to link first when they are not). */
export interface UserCommand<Args> extends CommandBase<Args> {
  scope: 'user';
  run(context: UserCommandContext, args: Args): Promise<ChatReply>;
}

/** Typed without a project, and run whatever project is named, linked or not. */
export interface ChatCommand<Args> extends CommandBase<Args> {
  scope: 'chat';
  run(context: ChatCommandContext, args: Args): Promise<ChatReply>;
}

/** A command of the registry, its argument type erased (see defineCommand). */
export type SlashCommand = ProjectCommand<never> | UserCommand<never> | ChatCommand<never>;

/**
 * Checks a command against its own argument type, then erases it for the registry: `match` and
 * `run` of one command always travel together (see dispatch), so the pair stays consistent.
 */
export function defineCommand<Args>(
  command: ProjectCommand<Args> | UserCommand<Args> | ChatCommand<Args>,
): SlashCommand {
  return command as unknown as SlashCommand;
}

/** A regex's named groups as the command's arguments; null when it does not match. */
export function matchPattern<Args>(
  pattern: RegExp,
  text: string,
  build: (groups: Record<string, string | undefined>) => Args,
): Args | null {
  const match = pattern.exec(text);
  return match ? build(match.groups ?? {}) : null;
}

/** A command without arguments, typed exactly as `words`. */
export function matchExactly(words: string, text: string): Record<string, never> | null {
  return text === words ? {} : null;
}
