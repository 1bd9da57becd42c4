import { SUBSCRIBE_USAGE } from '../parse/subscribe-args';

/** One line of the help text: how to type a command. */
export interface CommandHelp {
  usage: string;
  /**
   * Whether the command acts on a project. With the workspace-wide `/gitlab` command such
   * commands are typed after a project name or alias; the others are not.
   */
  needsProject: boolean;
}

/** GitLab's help messages (each command's `help_message`), and those of our own commands. */
export const COMMAND_HELP = {
  issueShow: { usage: 'issue show <id>', needsProject: true },
  issueNew: { usage: 'issue new <title> *`⇧ Shift`*+*`↵ Enter`* <description>', needsProject: true },
  issueSearch: { usage: 'issue search <your query>', needsProject: true },
  issueMove: { usage: 'issue move <issue_id> (to)? <project_path>', needsProject: true },
  issueClose: { usage: 'issue close <id>', needsProject: true },
  issueComment: { usage: 'issue comment <id> *`⇧ Shift`*+*`↵ Enter`* <comment>', needsProject: true },
  deploy: { usage: 'deploy <environment> to <target-environment>', needsProject: true },
  run: { usage: 'run <command> <arguments>', needsProject: true },
  // The incident form lets the user pick the project.
  incidentDeclare: { usage: 'incident declare', needsProject: false },
  subscribe: { usage: SUBSCRIBE_USAGE, needsProject: true },
  unsubscribe: { usage: 'unsubscribe', needsProject: true },
  subscriptions: { usage: 'subscriptions', needsProject: false },
  unlink: { usage: 'unlink', needsProject: false },
} as const satisfies Record<string, CommandHelp>;

/** What the project and installation offer, which decides the commands GitLab lists. */
export interface CommandAvailability {
  /** The project has issues enabled (the `issue …` commands). */
  issues: boolean;
  /** The project has CI/CD enabled (`deploy`, `run`). */
  builds: boolean;
  /** Incident declaration is configured. */
  incidentDeclare: boolean;
}

/** The commands to list in help, GitLab's first in GitLab's order, then ours. */
export function availableCommandHelp(availability: CommandAvailability): CommandHelp[] {
  const h = COMMAND_HELP;
  return [
    ...(availability.issues ? [h.issueShow, h.issueNew, h.issueSearch, h.issueMove, h.issueClose, h.issueComment] : []),
    ...(availability.builds ? [h.deploy, h.run] : []),
    ...(availability.incidentDeclare ? [h.incidentDeclare] : []),
    h.subscribe,
    h.unsubscribe,
    h.subscriptions,
    h.unlink,
  ];
}
