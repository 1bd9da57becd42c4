import { saveAuditedSlackAppSettings } from '@chatops/db';
import { slackAppView as viewOf } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { slackAppChange, slackAppView } from '../schemas/slack-app';

/**
 * The Slack app's credentials, switch and install policy, entered once (GitLab's "GitLab for Slack
 * app" admin settings). Secrets are stored sealed and never shown; SLACK_* variables in the
 * gateway's environment win over what is stored, and the view says so.
 */
export async function slackAppRoutes(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const { db, box, publicUrl, slackApp } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/slack/app',
    {
      schema: {
        tags: ['slack'],
        summary: "The Slack app's settings in effect (secrets: only whether they are set, and from where)",
        response: responses({ status: 200, description: 'Settings', schema: slackAppView }, []),
      },
    },
    async () => viewOf(await slackApp.current(), publicUrl),
  );

  api.put(
    '/slack/app',
    {
      schema: {
        tags: ['slack'],
        summary: "Change the Slack app's settings (audited; fields left out keep their value, null clears)",
        description:
          "Client id and secret and the signing secret are on the app's Basic Information page at " +
          'https://api.slack.com/apps. Every gateway replica applies a change within a few seconds. ' +
          'A value also set in the environment (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET, ' +
          'SLACK_VERIFICATION_TOKEN) is stored but stays shadowed by it.',
        body: slackAppChange,
        response: responses({ status: 200, description: 'Settings after the change', schema: slackAppView }, [400]),
      },
    },
    async (request) => {
      await saveAuditedSlackAppSettings(db, box, request.body, { actor: auditActor(request) });
      slackApp.forget();
      return viewOf(await slackApp.current(), publicUrl);
    },
  );
}
