import { createEndpoint, findProjectByPathOrAlias } from '@chatops/db';
import { type CliCommand, requireOption, UsageError } from '../command';

export const endpointCreate: CliCommand = {
  name: 'endpoint:create',
  summary: "Create a webhook URL and secret token for a project's GitLab webhook",
  options: {
    project: { description: 'project path or alias', required: true },
    description: { description: 'free text shown in listings' },
  },
  async run(options, { db, publicUrl, print }) {
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const { endpoint, secret } = await createEndpoint(db, { projectId: project.id, description: options.description ?? '' });
    print(`URL:          ${publicUrl}/hooks/gitlab/${endpoint.id}`);
    print(`Secret token: ${secret}`);
    print('Add both in GitLab under Settings > Webhooks. The token is shown only now.');
  },
};
