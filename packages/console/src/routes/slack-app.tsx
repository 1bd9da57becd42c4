import { type FastifyInstance, type FastifyReply } from 'fastify';
import { AdminRefusal } from '../admin-calls';
import { type DoctorReport, type InstallDecision, type InstallRequest, type SlackApp } from '../api-types';
import { type ConsoleContext, contextOf } from '../context';
import { CONSOLE_PREFIX } from '../options';
import { DoctorPage, SlackAppPage } from '../pages/slack-app-page';
import { sendPage } from '../render';
import { requireAdmin } from './require-admin';

type Form = Record<string, string | undefined>;
const BASE = `${CONSOLE_PREFIX}/slack`;

/** Only what the form changes: blank secrets keep theirs (they are write-only and never shown). */
export function slackAppChangeOf(form: Form): Record<string, unknown> {
  const text = (name: string) => (form[name] ?? '').trim();
  const list = (name: string) =>
    text(name)
      .split(/[\s,]+/)
      .filter((v) => v !== '');
  const secrets = Object.fromEntries(
    ['clientSecret', 'signingSecret', 'verificationToken'].filter((n) => text(n) !== '').map((n) => [n, text(n)]),
  );
  return {
    enabled: form['enabled'] === 'on',
    clientId: text('clientId') || null,
    ...secrets,
    installPolicy: text('installPolicy') || 'approval',
    preApprovedTeamIds: list('preApprovedTeamIds'),
    approvalLink: text('approvalLink') || null,
  };
}

/** The Slack app (seeds 000 and 004): manifest, credentials, install policy, requests, checks. */
export async function slackAppRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', requireAdmin);

  async function show(reply: FastifyReply, ctx: ConsoleContext, refusal?: AdminRefusal) {
    const [settings, share, requests] = await Promise.all([
      ctx.admin.get<SlackApp>('/slack/app'),
      ctx.admin.get<{ url: string }>('/slack/manifest/share-url'),
      ctx.admin.get<{ items: InstallRequest[] }>('/slack/install-requests', { status: 'pending' }),
    ]);
    return sendPage(
      reply,
      <SlackAppPage
        chrome={ctx.chrome}
        app={settings}
        shareUrl={share.url}
        requests={requests.items}
        error={refusal && { message: refusal.message, fields: refusal.fields }}
      />,
      refusal ? refusal.status : 200,
    );
  }

  app.get('/slack', async (request, reply) => show(reply, contextOf(request)));

  app.post('/slack', async (request, reply) => {
    const ctx = contextOf(request);
    try {
      await ctx.admin.put('/slack/app', slackAppChangeOf(request.body as Form));
    } catch (error) {
      if (!(error instanceof AdminRefusal) || error.status >= 500) throw error;
      return show(reply, ctx, error);
    }
    request.session.set('notice', 'Slack app settings saved.');
    return reply.redirect(BASE, 303);
  });

  app.get('/slack/manifest.json', async (request, reply) => {
    const manifest = await contextOf(request).admin.get<unknown>('/slack/manifest');
    return reply
      .type('application/json')
      .header('content-disposition', 'attachment; filename="slack_manifest.json"')
      .send(JSON.stringify(manifest, null, 2));
  });

  app.post<{ Params: { id: string } }>('/slack/requests/:id/decide', async (request, reply) => {
    const ctx = contextOf(request);
    const form = request.body as Form;
    const verb = form['decision'] === 'approve' ? 'approve' : 'deny';
    const note = (form['note'] ?? '').trim();
    const decided = await ctx.admin.post<InstallDecision>(
      `/slack/install-requests/${encodeURIComponent(request.params.id)}/${verb}`,
      note ? { note } : {},
    );
    const told = decided.notified ? 'told by a direct message' : `not told (${decided.notifyError ?? 'no message'})`;
    request.session.set(
      'notice',
      `${decided.teamName}: ${verb === 'approve' ? 'approved' : 'denied'}; the installer was ${told}.`,
    );
    return reply.redirect(BASE, 303);
  });

  app.get('/slack/doctor', async (request, reply) => {
    const ctx = contextOf(request);
    return sendPage(
      reply,
      <DoctorPage chrome={ctx.chrome} report={await ctx.admin.get<DoctorReport>('/slack/doctor')} />,
    );
  });
}
