import { type MattermostCommandSpec } from '@chatops/chat';

/** Where the gateway takes every Mattermost slash command (the command's token says which). */
export const MATTERMOST_COMMANDS_PATH = '/mattermost/commands';
/** The icon the gateway serves for the command's answers (a neutral one of chatops' own). */
export const MATTERMOST_ICON_PATH = '/assets/mattermost-icon.png';

/** Mattermost's trigger rule as chatops applies it: lower case, no slash, no spaces. */
export const MATTERMOST_TRIGGER_PATTERN = /^[a-z0-9_-]{1,128}$/;
export const MATTERMOST_TRIGGER_RULE = '1–128 lower-case letters, digits, _ or -, without the leading slash';

/** The trigger of the one command that serves every project by alias (GitLab's `/gitlab`). */
export const SHARED_TRIGGER = 'gitlab';

// Command.IsValid counts bytes: at most 64 for the display name, 128 for the description.
const DISPLAY_NAME_MAX_BYTES = 64;
const DESCRIPTION_MAX_BYTES = 128;

/**
 * What to enter in Mattermost's *Add Slash Command* form (its labels, in its order), as GitLab
 * suggests it: for one project, the values GitLab's "Add to Mattermost" sends; for the shared
 * command, those of GitLab's own `/gitlab` (its Slack app's texts).
 */
export interface MattermostCommandSuggestion {
  /** The project the command serves; null for the shared command (projects by path or alias). */
  projectId: string | null;
  displayName: string;
  description: string;
  trigger: string;
  requestUrl: string;
  requestMethod: 'POST';
  responseUsername: string;
  responseIconUrl: string;
  autocomplete: true;
  autocompleteHint: string;
  autocompleteDescription: string;
}

export interface SuggestionProject {
  id: string;
  name: string;
  pathWithNamespace: string;
}

/** A project's trigger: its path (the last segment of the full path) as a Mattermost trigger word. */
export function projectTrigger(pathWithNamespace: string): string {
  const path = pathWithNamespace.split('/').pop() ?? '';
  const slug = path
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128);
  return slug === '' ? SHARED_TRIGGER : slug;
}

/** GitLab's values for a project's command (`project` given) or for the shared one (null). */
export function suggestMattermostCommand(
  publicUrl: string,
  project: SuggestionProject | null,
): MattermostCommandSuggestion {
  const base = publicUrl.replace(/\/+$/, '');
  const common = {
    requestUrl: `${base}${MATTERMOST_COMMANDS_PATH}`,
    requestMethod: 'POST' as const,
    responseUsername: 'GitLab',
    responseIconUrl: `${base}${MATTERMOST_ICON_PATH}`,
    autocomplete: true as const,
    autocompleteHint: '[help]',
  };
  if (!project) {
    return {
      projectId: null,
      displayName: 'GitLab',
      description: 'GitLab slash commands',
      trigger: SHARED_TRIGGER,
      ...common,
      autocompleteDescription: 'GitLab slash commands',
    };
  }
  const operations = `Perform common operations on: ${project.name}`;
  return {
    projectId: project.id,
    displayName: fitBytes(`GitLab / ${project.name}`, DISPLAY_NAME_MAX_BYTES),
    description: fitBytes(operations, DESCRIPTION_MAX_BYTES),
    trigger: projectTrigger(project.pathWithNamespace),
    ...common,
    autocompleteDescription: operations,
  };
}

/** The `POST /api/v4/commands` body for a suggestion, in a team, with the trigger the operator chose. */
export function commandSpecOf(
  suggestion: MattermostCommandSuggestion,
  teamId: string,
  trigger = suggestion.trigger,
): MattermostCommandSpec {
  return {
    teamId,
    trigger,
    url: suggestion.requestUrl,
    method: 'P',
    username: suggestion.responseUsername,
    iconUrl: suggestion.responseIconUrl,
    displayName: suggestion.displayName,
    description: suggestion.description,
    autoComplete: suggestion.autocomplete,
    autoCompleteDesc: suggestion.autocompleteDescription,
    autoCompleteHint: suggestion.autocompleteHint,
  };
}

/** `text`, cut (with an ellipsis) to at most `max` bytes of UTF-8 on a character boundary. */
function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = '';
  for (const char of text) {
    if (Buffer.byteLength(`${cut}${char}…`) > max) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}
