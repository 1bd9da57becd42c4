import { createEndpoint, findProjectByPathOrAlias } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';

export const endpointCreate = defineCommand({
  name: 'endpoint:create',
  summary: "Create a webhook URL and secret token for a project's GitLab webhook",
  options: {
    project: { description: 'project path or alias', required: true },
    description: { description: 'free text shown in listings' },
    signing: {
      description: "also create a signing token for GitLab's signed webhooks (webhook-signature)",
      type: 'flag',
    },
  },
  async run(options, { db, box, publicUrl, print }) {
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const { endpoint, secret, signingSecret } = await createEndpoint(db, {
      projectId: project.id,
      description: options.description ?? '',
      ...(options.signing ? { signingBox: box } : {}),
    });
    const url = `${publicUrl}/hooks/gitlab/${endpoint.id}`;
    print(`URL:           ${url}`);
    print(`Secret token:  ${secret}`);
    if (signingSecret) print(`Signing token: ${signingSecret}`);
    print(`Add ${signingSecret ? 'them' : 'both'} in GitLab under Settings > Webhooks. Tokens are shown only now.`);
    return {
      id: endpoint.id,
      project: project.pathWithNamespace,
      url,
      secretToken: secret,
      signingToken: signingSecret ?? null,
    };
  },
});
