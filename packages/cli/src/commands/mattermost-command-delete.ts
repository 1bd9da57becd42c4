import { deleteMattermostCommandEverywhere } from '@chatops/integrations';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';
import { withSetupDeps } from '../mattermost-options';

export const mattermostCommandDelete = defineCommand({
  name: 'mattermost:command:delete',
  summary:
    'Stop answering a Mattermost slash command (its token is refused from then on); one chatops created in Mattermost is deleted there too',
  options: {
    id: { description: 'command id', required: true },
    'keep-remote': { description: 'leave a command chatops created in Mattermost there', type: 'flag' },
  },
  async run(options, context) {
    const id = requireOption(options, 'id');
    const deleted = await withSetupDeps(context, (deps) =>
      deleteMattermostCommandEverywhere(deps, id, { keepRemote: options['keep-remote'] }, CLI_ACTOR),
    );
    if (!deleted) throw new UsageError(`no Mattermost command ${id}`);
    context.print(`Mattermost command ${id} deleted: ${deleted.message}`);
    return { ...deleted, deleted: true };
  },
});
