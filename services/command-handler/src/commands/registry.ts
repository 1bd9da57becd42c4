import { deploy } from './deploy.command';
import { incidentClose } from './incident-close.command';
import { incidentComment } from './incident-comment.command';
import { incidentDeclare } from './incident-declare.command';
import { incidentTimeline } from './incident-timeline.command';
import { issueClose } from './issue-close.command';
import { issueComment } from './issue-comment.command';
import { issueMove } from './issue-move.command';
import { issueNew } from './issue-new.command';
import { issueSearch } from './issue-search.command';
import { issueShow } from './issue-show.command';
import { run } from './run.command';
import { type Offered, type SlashCommand } from './slash-command';
import { subscribe } from './subscribe.command';
import { subscriptions } from './subscriptions.command';
import { unlink } from './unlink.command';
import { unsubscribe } from './unsubscribe.command';

/**
 * Every slash command, in the order they are matched and listed in help: GitLab's own first, in
 * GitLab's order (the first match wins, as in GitLab), then ours. Adding a command is a file and
 * a line here.
 */
export const SLASH_COMMANDS: readonly SlashCommand[] = [
  issueShow,
  issueNew,
  issueSearch,
  issueMove,
  issueClose,
  issueComment,
  deploy,
  run,
  incidentDeclare,
  incidentComment,
  incidentTimeline,
  incidentClose,
  subscribe,
  unsubscribe,
  subscriptions,
  unlink,
];

/** What a command's text asks for: a command with its arguments, or help (asked for, or because nothing matched). */
export type CommandMatch = { command: SlashCommand; args: never } | { help: true; invalid: boolean };

/**
 * The command `text` asks for (the text after the trigger word and any project alias). GitLab
 * strips the text before matching; text starting with `help` asks for help, anything else that
 * matches nothing is answered with help marked invalid.
 */
export function matchCommand(text: string): CommandMatch {
  const command = text.trim();
  for (const candidate of SLASH_COMMANDS) {
    const args = candidate.match(command);
    if (args !== null) return { command: candidate, args };
  }
  return { help: true, invalid: !command.startsWith('help') };
}

/** Whether `text` as a whole is a command that takes no project (so its first word is not an alias). */
export function takesNoProject(text: string): boolean {
  const match = matchCommand(text);
  return 'command' in match && match.command.scope !== 'project';
}

/** What the project and installation offer, which decides the commands help lists. */
export type Availability = Record<Exclude<Offered, 'always'>, boolean>;

/** One line of help: how to type a command, and whether a project name goes before it. */
export interface CommandHelp {
  usage: string;
  needsProject: boolean;
}

/** The commands help lists, GitLab's first in GitLab's order, then ours. */
export function availableCommandHelp(availability: Availability): CommandHelp[] {
  return SLASH_COMMANDS.filter((command) => command.offered === 'always' || availability[command.offered]).map(
    (command) => ({ usage: command.usage, needsProject: command.scope === 'project' }),
  );
}
