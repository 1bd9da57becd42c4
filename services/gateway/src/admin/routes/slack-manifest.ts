import { manifestShareUrl, slackAppManifest } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { manifestQuery, shareUrlView, slackManifestView } from '../schemas/slack-app';

/**
 * The Slack app's manifest, generated from PUBLIC_URL: what an administrator pastes into Slack to
 * create the app (or to update it after chatops changed), and the link that does it in one click.
 */
export async function slackManifestRoutes(app: FastifyInstance, { publicUrl }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/slack/manifest',
    {
      schema: {
        tags: ['slack'],
        summary: "The Slack app's manifest for this chatops (request URLs from PUBLIC_URL, scopes, events)",
        description:
          'Paste it at https://api.slack.com/apps › Create New App › From an app manifest (JSON), or into an ' +
          "existing app's App Manifest page to update it. `?download=1` answers it as `slack_manifest.json`.",
        querystring: manifestQuery,
        response: responses({ status: 200, description: 'The manifest', schema: slackManifestView }, [400]),
      },
    },
    async (request, reply) => {
      const { download } = request.query;
      if (download === '1' || download === 'true')
        void reply.header('content-disposition', 'attachment; filename="slack_manifest.json"');
      return slackAppManifest(publicUrl);
    },
  );

  api.get(
    '/slack/manifest/share-url',
    {
      schema: {
        tags: ['slack'],
        summary: 'Slack\'s link creating the app from this manifest (GitLab\'s "Create Slack app")',
        response: responses({ status: 200, description: 'The link', schema: shareUrlView }, []),
      },
    },
    async () => ({ url: manifestShareUrl(slackAppManifest(publicUrl)) }),
  );
}
