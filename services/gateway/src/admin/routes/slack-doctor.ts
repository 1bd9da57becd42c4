import { runSlackDoctor, slackDoctorDeps } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';

const doctorReportView = z
  .object({
    ok: z.boolean().meta({ description: 'no check failed (warnings allowed)' }),
    checks: z.array(
      z.object({
        id: z.string().meta({
          description:
            'app_enabled, signing_secret, oauth_credentials, public_url_https, public_url_reachable, signed_request, slack_api, installations, installation:<team id>, manifest:<team id>',
        }),
        status: z.enum(['ok', 'warn', 'fail']),
        summary: z.string(),
        fix: z.string().optional(),
      }),
    ),
    notes: z
      .array(z.string())
      .meta({ description: 'what users see because of failed checks (dispatch_failed, certificates)' }),
  })
  .meta({ id: 'SlackDoctorReport' });

/** `chatops doctor` over HTTP: the same checks, as the gateway sees its settings. */
export async function slackDoctorRoutes(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/slack/doctor',
    {
      schema: {
        tags: ['slack'],
        summary: 'Check the Slack app and its installations (what `chatops doctor` checks), with what to fix',
        description:
          'Calls Slack (api.test, auth.test with each bot token) and this gateway through PUBLIC_URL (/healthz, and a ' +
          'url_verification signed with the signing secret to /slack/events). Always 200: `ok` is false when a check failed.',
        response: responses({ status: 200, description: 'The checks', schema: doctorReportView }, []),
      },
    },
    async () => {
      const config = await options.slackApp.current();
      return runSlackDoctor(
        slackDoctorDeps({
          db: options.db,
          box: options.box,
          config,
          publicUrl: options.publicUrl,
          slackApiUrl: options.slackApiUrl,
        }),
      );
    },
  );
}
