import { createEndpoint, findProjectByPathOrAlias } from '@chatops/db';
import { type CliCommand, requireOption, UsageError } from '../command';

export const endpointCreate: CliCommand = {
  name: 'endpoint:create',
  summary: "Create a webhook URL and secret token for a project's GitLab webhook",
  options: {
    project: { description: 'project path or alias', required: true },
    description: { description: 'free text shown in listings' },
    signing: { description: "yes: also create a signing token for GitLab's signed webhooks (webhook-signature)" },
  },
  async run(options, { db, box, publicUrl, print }) {
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    if (options.signing !== undefined && options.signing !== 'yes') throw new UsageError('--signing takes "yes"');
    const { endpoint, secret, signingSecret } = await createEndpoint(db, {
      projectId: project.id,
      description: options.description ?? '',
      ...(options.signing === 'yes' ? { signingBox: box } : {}),
    });
    print(`URL:           ${publicUrl}/hooks/gitlab/${endpoint.id}`);
    print(`Secret token:  ${secret}`);
    if (signingSecret) print(`Signing token: ${signingSecret}`);
    print(`Add ${signingSecret ? 'them' : 'both'} in GitLab under Settings > Webhooks. Tokens are shown only now.`);
  },
};
