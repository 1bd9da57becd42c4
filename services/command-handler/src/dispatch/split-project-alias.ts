/** What `/gitlab` was given: the project alias (or full path) and the command that follows it. */
export interface AliasedCommand {
  /** The project full path or alias; null when the text has no project part. */
  alias: string | null;
  command: string;
}

/**
 * Splits the text of the workspace-wide `/gitlab` command into project alias and command, as
 * GitLab's GlobalSlackHandler does: the first word is the project, the rest is the command.
 * A single word (`help`, `unlink`, `subscriptions`) has no project, and neither has a command
 * that takes none (`incident declare`, which picks its project in a form): `takesNoProject`
 * tells those.
 * Newlines inside the command are kept: they separate an issue title from its description.
 */
export function splitProjectAlias(text: string, takesNoProject: (text: string) => boolean): AliasedCommand {
  const trimmed = text.trim();
  if (takesNoProject(trimmed)) return { alias: null, command: trimmed };

  const separator = /\s/.exec(trimmed);
  if (!separator) return { alias: null, command: trimmed };
  return {
    alias: trimmed.slice(0, separator.index),
    // GitLab strips the command before matching; several spaces after the alias are one separator.
    command: trimmed.slice(separator.index + 1).trimStart(),
  };
}
