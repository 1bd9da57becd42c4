import { suggestMattermostCommand } from '@chatops/integrations';
import { defineCommand } from '../command';
import { projectNamed } from '../mattermost-options';

export const mattermostCommandSuggest = defineCommand({
  name: 'mattermost:command:suggest',
  summary:
    "GitLab's values for Mattermost's Add Slash Command form (the manual path; then mattermost:command:add with its token)",
  options: {
    project: {
      description:
        'the project the command serves (path or alias); omit for /gitlab, which serves projects by path or alias',
    },
  },
  async run(options, { db, publicUrl, print }) {
    const project = await projectNamed(db, options.project);
    const s = suggestMattermostCommand(publicUrl, project);
    const rows: Array<[string, string]> = [
      ['Display Name', s.displayName],
      ['Description', s.description],
      ['Command Trigger Word', s.trigger],
      ['Request URL', s.requestUrl],
      ['Request Method', s.requestMethod],
      ['Response Username', s.responseUsername],
      ['Response Icon', s.responseIconUrl],
      ['Autocomplete', 'on'],
      ['Autocomplete Hint', s.autocompleteHint],
      ['Autocomplete Description', s.autocompleteDescription],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    print('In Mattermost: Integrations › Slash Commands › Add Slash Command (only the Request URL must be as given):');
    for (const [label, value] of rows) print(`  ${`${label}:`.padEnd(width + 1)}  ${value}`);
    print('Then register the token Mattermost shows:');
    print(
      `  chatops mattermost:command:add --connection <name> --team <team id> --trigger ${s.trigger} --token <token>` +
        (project ? ` --project ${project.pathWithNamespace}` : ''),
    );
    return s;
  },
});
