import { type ChatReply, type ResponseUrlReplier } from '@chatops/chat';
import { accessDeniedReply, errorReply, projectNotFoundReply, unreachableReply } from '@chatops/messages';
import { type ChatIdentity, findChatIdentity, findProjectByPathOrAlias, type Project } from '@chatops/db';
import { type ApiProject, type ApiUser, type GitLabApi, gitlabFailureOf } from '@chatops/gitlab';
import { connectPrompt, type LinkRequests, LinkRevoked } from '@chatops/identity';
import { type CommandJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { helpReply } from '../commands/help';
import { availableCommandHelp, type CommandMatch, takesNoProject, matchCommand } from '../commands/registry';
import { type CommandServices, type ProjectCommandContext } from '../commands/slash-command';
import { type CommandScope, resolveCommandScope } from './command-scope';
import { isTokenRejected, outcomeOfFailure } from './gitlab-failure-reply';
import { replyToCommand } from './reply-to-command';
import { splitProjectAlias } from './split-project-alias';

export interface CommandDispatcherDeps {
  services: CommandServices;
  replier: ResponseUrlReplier;
  links: LinkRequests;
  publicUrl: string;
}

/** What a project command runs against; `renewed` once its token was refreshed after a 401. */
interface ProjectTarget {
  project: Project;
  scope: CommandScope;
  identity: ChatIdentity;
  token: string;
  renewed: boolean;
}

/**
 * Answers one slash command: picks the command from the registry, finds the project and the
 * linked GitLab user, runs the command as that user, and posts the reply to the command's
 * response_url. The command runs at most once; only posting the reply is retried.
 */
export class CommandDispatcher {
  constructor(private readonly deps: CommandDispatcherDeps) {}

  async handle(job: CommandJob, logger: Logger): Promise<void> {
    let reply: ChatReply;
    try {
      reply = await this.replyFor(job, logger);
    } catch (error) {
      logger.error({ err: error, provider: job.provider, teamId: job.teamId }, 'slash command failed');
      reply = unreachableReply();
    }
    await replyToCommand(this.deps.replier, job, reply, logger);
  }

  private async replyFor(job: CommandJob, logger: Logger): Promise<ChatReply> {
    const { db, tokens, gitlab } = this.deps.services;
    const scope = await resolveCommandScope(db, job);
    if (typeof scope === 'string') return errorReply(scope);

    const { alias, command } = scope.fixedProject
      ? { alias: null, command: job.text.trim() }
      : splitProjectAlias(job.text, takesNoProject);
    const match = matchCommand(command);
    const chat = { job, platform: job.provider, services: this.deps.services };
    // Commands that take no project run whatever project was named; some of them as the user.
    if ('command' in match && match.command.scope === 'chat') return match.command.run(chat, match.args);
    if ('command' in match && match.command.scope === 'user') {
      const { run } = match.command;
      const identity = await findChatIdentity(db, {
        provider: job.provider,
        teamId: job.teamId,
        chatUserId: job.userId,
      });
      if (!identity || !tokens || !gitlab) return this.authorize(job);
      return this.asLinkedUser(
        job,
        () => tokens.accessToken(identity),
        (token) => run({ ...chat, gitlab: gitlab.asUser(token), gitlabUrl: gitlab.url, identity }, match.args),
      );
    }
    // Help without a project lists what any project could offer; with one, what it offers (below).
    if ('help' in match && alias === null && !scope.fixedProject) {
      const commands = availableCommandHelp({ issues: true, builds: true, incidents: true });
      return helpReply({ trigger: job.command, commands, invalid: match.invalid });
    }

    const project = scope.fixedProject ?? (alias ? await findProjectByPathOrAlias(db, alias) : null);
    if (!project) return projectNotFoundReply();

    const identity = await findChatIdentity(db, { provider: job.provider, teamId: job.teamId, chatUserId: job.userId });
    if (!identity || !tokens || !gitlab) return this.authorize(job);
    return this.asLinkedUser(
      job,
      () => tokens.accessToken(identity),
      (token) => this.runOnProject(job, match, { project, scope, identity, token, renewed: false }, logger),
    );
  }

  /** Runs `run` with the token `getToken` hands out; a link GitLab no longer honours asks the user to link again. */
  private async asLinkedUser(
    job: CommandJob,
    getToken: () => Promise<string>,
    run: (token: string) => Promise<ChatReply>,
  ): Promise<ChatReply> {
    let token: string;
    try {
      token = await getToken();
    } catch (error) {
      if (error instanceof LinkRevoked) return this.authorize(job);
      throw error;
    }
    return run(token);
  }

  private async runOnProject(
    job: CommandJob,
    match: CommandMatch,
    target: ProjectTarget,
    logger: Logger,
  ): Promise<ChatReply> {
    const { gitlab: client, tokens } = this.deps.services;
    if (!client) return this.authorize(job);
    const gitlab = client.asUser(target.token);
    const onFailure = (error: unknown, projectLookup: boolean) =>
      this.failureReply(error, { job, target, gitlabUrl: client.url, projectLookup }, logger);

    let gitlabProject: ApiProject;
    try {
      gitlabProject = await gitlab.project(target.project.gitlabProjectId);
    } catch (error) {
      // The lookup changes nothing at GitLab, so a token it rejected can be renewed and the
      // command run again, once.
      if (!target.renewed && tokens && isTokenRejected(error)) {
        return this.asLinkedUser(
          job,
          () => tokens.renewRejected(target.identity, target.token),
          (renewed) => {
            logger.info(
              { identityId: target.identity.id },
              'GitLab rejected a token our clock still counted valid: refreshed it, running the command again',
            );
            return this.runOnProject(job, match, { ...target, token: renewed, renewed: true }, logger);
          },
        );
      }
      return onFailure(error, true);
    }
    if ('help' in match) {
      const commands = availableCommandHelp({
        issues: gitlabProject.issues_enabled !== false,
        builds: gitlabProject.jobs_enabled !== false,
        incidents: true,
      });
      return helpReply({ trigger: job.command, commands, project: gitlabProject, invalid: match.invalid });
    }
    const context = this.projectContext(job, target, gitlab, client.url, gitlabProject);
    try {
      return await match.command.run(context, match.args);
    } catch (error) {
      return onFailure(error, false);
    }
  }

  private projectContext(
    job: CommandJob,
    target: ProjectTarget,
    gitlab: GitLabApi,
    gitlabUrl: string,
    gitlabProject: ApiProject,
  ): ProjectCommandContext {
    const { identity } = target;
    // The acting user as replies link them (`[@username](profile)`), without another API call.
    const actor: ApiUser = {
      id: identity.gitlabUserId,
      username: identity.gitlabUsername,
      name: identity.gitlabUsername,
      web_url: `${gitlabUrl}/${identity.gitlabUsername}`,
    };
    return {
      job,
      platform: job.provider,
      services: this.deps.services,
      gitlab,
      gitlabUrl,
      identity,
      actor,
      project: target.project,
      gitlabProject,
      channelDestination: target.scope.channelDestination,
    };
  }

  private async failureReply(
    error: unknown,
    at: { job: CommandJob; target: ProjectTarget; gitlabUrl: string; projectLookup: boolean },
    logger: Logger,
  ): Promise<ChatReply> {
    const { project, identity } = at.target;
    const outcome = outcomeOfFailure(error, { projectUrl: project.webUrl, gitlabUrl: at.gitlabUrl });
    if ('relink' in outcome) {
      logger.info({ identityId: identity.id }, 'GitLab rejected the linked token: asking the user to link again');
      await this.deps.services.tokens?.forget(identity);
      return this.authorize(at.job);
    }
    if ('unavailable' in outcome) {
      logger.warn({ err: error }, 'GitLab unreachable for a slash command');
      return unreachableReply();
    }
    // A project this user cannot see: GitLab's "you do not have access to the project".
    if (at.projectLookup && gitlabFailureOf(error).status === 404) return accessDeniedReply(project.webUrl);
    return outcome.reply;
  }

  /** The "connect your GitLab account" reply, with a fresh link when GitLab OAuth is configured. */
  private authorize(job: CommandJob): Promise<ChatReply> {
    const links = this.deps.services.tokens ? this.deps.links : null;
    return connectPrompt(links, this.deps.publicUrl, {
      provider: job.provider,
      teamId: job.teamId,
      chatUserId: job.userId,
      chatUserName: job.userName,
      responseUrl: job.responseUrl,
    });
  }
}
