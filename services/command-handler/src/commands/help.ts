import { type ChatReply, ephemeral } from '@chatops/chat';
import { type ApiProject } from '@chatops/gitlab';
import { type CommandHelp } from './registry';

export interface HelpRequest {
  /** The slash command as typed, e.g. `/gitlab`. */
  trigger: string;
  /** The commands to list, in order (see availableCommandHelp). */
  commands: readonly CommandHelp[];
  /**
   * The project the command runs in. Without one (the workspace-wide `/gitlab help`), project
   * commands are listed as `<trigger> [project name or alias] …`, as GitLab's ApplicationHelp does.
   */
  project?: Pick<ApiProject, 'web_url'>;
  /** The user typed something that is not a command. */
  invalid: boolean;
}

const RUN_EXPLANATION =
  'If available, the `run` command is used for running GitLab CI jobs\n' +
  "defined in this project's `.gitlab-ci.yml` file. For example, if a\n" +
  'job called "help" is defined you can run it like so:';

const DOCUMENTATION =
  '*Documentation*\n\n' +
  'For more information about GitLab chatops, refer to its\n' +
  'documentation: https://docs.gitlab.com/ee/ci/chatops/index.html.';

/**
 * GitLab's help text (Presenters::Help): the commands, how `run` works, the project and the
 * documentation, in blocks separated by one blank line. (GitLab's heredocs add a second blank
 * line before the footer and trailing newlines; chat shows those as stray space, so they are left
 * out.)
 */
export function helpReply(request: HelpRequest): ChatReply {
  const projectTrigger = request.project ? request.trigger : `${request.trigger} [project name or alias]`;
  const footer = [...(request.project ? [projectBlock(request.project.web_url)] : []), DOCUMENTATION];

  if (request.commands.length === 0) {
    const text = ['This chatops integration does not have any commands that can be\nexecuted.', ...footer];
    return ephemeral({ text: text.join('\n\n') });
  }

  const lines = request.commands.map((c) => `${c.needsProject ? projectTrigger : request.trigger} ${c.usage}`);
  const blocks = [
    ...(request.invalid ? ['The specified command is not valid.'] : []),
    '*Available commands*',
    'The following commands are available for this chatops integration:',
    lines.join('\n'),
    RUN_EXPLANATION,
    `\`${projectTrigger} run help\``,
    ...footer,
  ];
  return ephemeral({ text: blocks.join('\n\n') });
}

function projectBlock(projectUrl: string): string {
  return `*Project*\n\nThe GitLab project for this chatops integration can be found at\n${projectUrl}.`;
}
