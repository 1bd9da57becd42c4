import { createAuditedEndpoint, findProjectByPathOrAlias } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

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
    group: {
      description: "accept events about any project (a group or instance webhook); by default only the project's own",
      type: 'flag',
    },
  },
  async run(options, { db, box, publicUrl, print }) {
    const project = await findProjectByPathOrAlias(db, requireOption(options, 'project'));
    if (!project) throw new UsageError(`unknown project: ${options.project}`);
    const { endpoint, secret, signingSecret } = await createAuditedEndpoint(
      db,
      {
        projectId: project.id,
        description: options.description ?? '',
        ...(options.signing ? { signingBox: box } : {}),
        ...(options.group ? { scope: 'group' as const } : {}),
      },
      CLI_ACTOR,
    );
    const url = `${publicUrl}/hooks/gitlab/${endpoint.id}`;
    print(`URL:           ${url}`);
    print(`Secret token:  ${secret}`);
    if (signingSecret) print(`Signing token: ${signingSecret}`);
    print(`Add ${signingSecret ? 'them' : 'both'} in GitLab under Settings > Webhooks. Tokens are shown only now.`);
    return {
      id: endpoint.id,
      project: project.pathWithNamespace,
      scope: endpoint.scope,
      url,
      secretToken: secret,
      signingToken: signingSecret ?? null,
    };
  },
});
