import { type ResponseUrlReplier } from '@chatops/chat';
import {
  accessDeniedReply,
  authorizeReply,
  availableCommandHelp,
  type CommandReply,
  errorReply,
  helpReply,
  incidentsNotConfiguredReply,
  notLinkedReply,
  type ParsedCommand,
  parseCommand,
  projectNotFoundReply,
  splitProjectAlias,
  subscriptionListReply,
  unlinkedReply,
} from '@chatops/commands';
import { type ChatIdentity, type Db, findChatIdentity, findProjectByPathOrAlias, type Project } from '@chatops/db';
import { gitlabFailureOf } from '@chatops/gitlab';
import { type GitLabLinking, type LinkRequests, LinkRevoked, linkUrl, type UserTokens } from '@chatops/identity';
import { type CommandJob, type JobQueues } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { resolveCommandScope, type CommandScope } from './command-scope';
import { type ProjectCommandContext } from './commands/context';
import { deploy } from './commands/deploy-command';
import { issueClose, issueComment, issueMove, issueNew, issueSearch, issueShow } from './commands/issue-commands';
import { runCommand } from './commands/run-command';
import { channelSubscriptions, subscribe, unsubscribe } from './commands/subscription-commands';
import { actorOf, asProject, type CommandProject, gitlabAsUser } from './gitlab-api';
import { isTokenRejected, outcomeOfFailure, unreachableReply } from './gitlab-failure-reply';
import { postReply } from './post-reply';

export interface CommandRunnerDeps {
  db: Db;
  queues: JobQueues;
  replier: ResponseUrlReplier;
  links: LinkRequests;
  /** Null when GitLab OAuth is not configured: nobody can link, so no command can run as a user. */
  linking: GitLabLinking | null;
  tokens: UserTokens | null;
  publicUrl: string;
  pollIntervalMs: number;
}

/** What a project command runs against; `renewed` once its token was refreshed after a 401. */
interface ProjectCommandTarget {
  project: Project;
  scope: CommandScope;
  identity: ChatIdentity;
  token: string;
  renewed: boolean;
}

type ProjectKind = Exclude<ParsedCommand['kind'], 'help' | 'unknown' | 'unlink' | 'subscriptions' | 'incident_declare'>;

/**
 * Runs one slash command: finds the project and the linked GitLab user, calls GitLab as that
 * user, and posts the reply to the command's response_url. The command runs at most once; only
 * posting the reply is retried.
 */
export class CommandRunner {
  private readonly projectCommands: {
    [K in ProjectKind]: (
      context: ProjectCommandContext,
      command: Extract<ParsedCommand, { kind: K }>,
    ) => Promise<CommandReply>;
  };

  constructor(private readonly deps: CommandRunnerDeps) {
    this.projectCommands = {
      issue_show: issueShow,
      issue_new: issueNew,
      issue_search: issueSearch,
      issue_close: issueClose,
      issue_comment: issueComment,
      issue_move: issueMove,
      deploy,
      run: runCommand(deps.pollIntervalMs),
      subscribe,
      subscribe_invalid: subscribe,
      unsubscribe,
    };
  }

  async handle(job: CommandJob, logger: Logger): Promise<void> {
    let reply: CommandReply;
    try {
      reply = await this.replyFor(job, logger);
    } catch (error) {
      logger.error({ err: error, provider: job.provider, teamId: job.teamId }, 'slash command failed');
      reply = unreachableReply(job.provider);
    }
    await postReply(this.deps.replier, job, reply, logger);
  }

  private async replyFor(job: CommandJob, logger: Logger): Promise<CommandReply> {
    const flavour = job.provider;
    const scope = await resolveCommandScope(this.deps.db, job);
    if (typeof scope === 'string') return errorReply(scope, flavour);

    const { alias, command } = scope.fixedProject
      ? { alias: null, command: job.text.trim() }
      : splitProjectAlias(job.text);
    const parsed = parseCommand(command);
    const projectless = await this.projectlessReply(job, parsed, scope, alias === null);
    if (projectless) return projectless;

    const project = scope.fixedProject ?? (alias ? await findProjectByPathOrAlias(this.deps.db, alias) : null);
    if (!project) return projectNotFoundReply(flavour);

    const identity = await findChatIdentity(this.deps.db, {
      provider: job.provider,
      teamId: job.teamId,
      chatUserId: job.userId,
    });
    if (!identity || !this.deps.tokens || !this.deps.linking) return this.authorize(job);
    const { tokens } = this.deps;
    return this.asLinkedUser(
      job,
      () => tokens.accessToken(identity),
      (token) => this.runProjectCommand(job, parsed, { project, scope, identity, token, renewed: false }, logger),
    );
  }

  /** Runs `run` with the token `getToken` hands out; a link GitLab no longer honours asks the user to link again. */
  private async asLinkedUser(
    job: CommandJob,
    getToken: () => Promise<string>,
    run: (token: string) => Promise<CommandReply>,
  ): Promise<CommandReply> {
    let token: string;
    try {
      token = await getToken();
    } catch (error) {
      if (error instanceof LinkRevoked) return this.authorize(job);
      throw error;
    }
    return run(token);
  }

  /** Commands that need no project: help, unlink, subscriptions, incident declare, and unknown text. */
  private async projectlessReply(
    job: CommandJob,
    parsed: ParsedCommand,
    scope: CommandScope,
    noAlias: boolean,
  ): Promise<CommandReply | null> {
    const flavour = job.provider;
    switch (parsed.kind) {
      case 'unlink':
        return this.unlink(job);
      case 'subscriptions':
        return subscriptionListReply(await channelSubscriptions(this.deps.db, job), flavour);
      case 'incident_declare':
        return incidentsNotConfiguredReply(flavour);
      case 'help':
      case 'unknown':
        // With a project, help lists what that project offers (after the user is known).
        if (!noAlias || scope.fixedProject) return null;
        return helpReply(
          {
            trigger: job.command,
            commands: availableCommandHelp({ issues: true, builds: true, incidentDeclare: false }),
            invalid: parsed.kind === 'unknown',
          },
          flavour,
        );
      default:
        return null;
    }
  }

  private async runProjectCommand(
    job: CommandJob,
    parsed: ParsedCommand,
    target: ProjectCommandTarget,
    logger: Logger,
  ): Promise<CommandReply> {
    const { project, scope, identity, token } = target;
    const flavour = job.provider;
    const gitlabUrl = this.deps.linking?.gitlabUrl ?? '';
    const api = gitlabAsUser(gitlabUrl, token);
    const onFailure = (error: unknown, projectLookup: boolean) =>
      this.failureReply(error, { job, identity, project, gitlabUrl, projectLookup }, logger);

    let gitlabProject: CommandProject;
    try {
      gitlabProject = asProject(await api.Projects.show(project.gitlabProjectId));
    } catch (error) {
      // The lookup changes nothing at GitLab, so a token it rejected can be renewed and the
      // command run again, once.
      const { tokens } = this.deps;
      if (!target.renewed && tokens && isTokenRejected(error)) {
        return this.asLinkedUser(
          job,
          () => tokens.renewRejected(identity, token),
          (renewed) => {
            logger.info(
              { identityId: identity.id },
              'GitLab rejected a token our clock still counted valid: refreshed it, running the command again',
            );
            return this.runProjectCommand(job, parsed, { ...target, token: renewed, renewed: true }, logger);
          },
        );
      }
      return onFailure(error, true);
    }
    if (parsed.kind === 'help' || parsed.kind === 'unknown') {
      const commands = availableCommandHelp({
        issues: gitlabProject.issues_enabled !== false,
        builds: gitlabProject.jobs_enabled !== false,
        incidentDeclare: false,
      });
      return helpReply(
        { trigger: job.command, commands, project: gitlabProject, invalid: parsed.kind === 'unknown' },
        flavour,
      );
    }
    const actor = actorOf(gitlabUrl, identity.gitlabUsername, identity.gitlabUserId);
    const context: ProjectCommandContext = {
      job,
      flavour,
      api,
      gitlabUrl,
      identity,
      actor,
      project,
      gitlabProject,
      channelDestination: scope.channelDestination,
      db: this.deps.db,
      queues: this.deps.queues,
    };
    const run = this.projectCommands[parsed.kind as ProjectKind] as (
      context: ProjectCommandContext,
      command: ParsedCommand,
    ) => Promise<CommandReply>;
    try {
      return await run(context, parsed);
    } catch (error) {
      return onFailure(error, false);
    }
  }

  private async failureReply(
    error: unknown,
    at: { job: CommandJob; identity: ChatIdentity; project: Project; gitlabUrl: string; projectLookup: boolean },
    logger: Logger,
  ): Promise<CommandReply> {
    const flavour = at.job.provider;
    const outcome = outcomeOfFailure(error, { projectUrl: at.project.webUrl, gitlabUrl: at.gitlabUrl, flavour });
    if ('relink' in outcome) {
      logger.info({ identityId: at.identity.id }, 'GitLab rejected the linked token: asking the user to link again');
      await this.deps.tokens?.forget(at.identity);
      return this.authorize(at.job);
    }
    if ('unavailable' in outcome) {
      logger.warn({ err: error }, 'GitLab unreachable for a slash command');
      return unreachableReply(flavour);
    }
    // A project this user cannot see: GitLab's "you do not have access to the project".
    if (at.projectLookup && gitlabFailureOf(error).status === 404) return accessDeniedReply(at.project.webUrl, flavour);
    return outcome.reply;
  }

  private async authorize(job: CommandJob): Promise<CommandReply> {
    if (!this.deps.linking) return authorizeReply(null, job.provider);
    const token = await this.deps.links.issue({
      provider: job.provider,
      teamId: job.teamId,
      chatUserId: job.userId,
      chatUserName: job.userName,
      responseUrl: job.responseUrl,
    });
    return authorizeReply(linkUrl(this.deps.publicUrl, token), job.provider);
  }

  private async unlink(job: CommandJob): Promise<CommandReply> {
    const identity = await findChatIdentity(this.deps.db, {
      provider: job.provider,
      teamId: job.teamId,
      chatUserId: job.userId,
    });
    if (!identity || !this.deps.tokens) return notLinkedReply(job.provider);
    await this.deps.tokens.unlink(identity.id);
    return unlinkedReply(identity.gitlabUsername, job.provider);
  }
}
