import { type ApiUser, type ChatFlavour, type CommandReply, type ParsedCommand } from '@chatops/commands';
import { type ChatIdentity, type Db, type Project } from '@chatops/db';
import { type CommandJob, type JobQueues } from '@chatops/jobs';
import { type CommandProject, type GitLabApi } from '../gitlab-api';
import { type ChannelDestination } from '../command-scope';

/** Everything a project command needs, resolved before it runs. */
export interface ProjectCommandContext {
  job: CommandJob;
  flavour: ChatFlavour;
  /** GitLab's REST API as the linked user. */
  api: GitLabApi;
  gitlabUrl: string;
  identity: ChatIdentity;
  actor: ApiUser;
  /** The project as we registered it. */
  project: Project;
  /** The project as GitLab shows it to this user. */
  gitlabProject: CommandProject;
  /** Where this channel's notifications would go (`subscribe`), or why they cannot. */
  channelDestination: ChannelDestination | string;
  db: Db;
  queues: JobQueues;
}

export type ProjectCommand<K extends ParsedCommand['kind']> = (
  context: ProjectCommandContext,
  command: Extract<ParsedCommand, { kind: K }>,
) => Promise<CommandReply>;
