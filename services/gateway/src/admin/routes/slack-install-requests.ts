import { type InstallRequestWithInstallation, listInstallRequests } from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { decideSlackInstall, decisionSlack } from '@chatops/slack-app';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActor } from '../audit-actor';
import { notFound, stillInUse } from '../errors';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf } from '../schemas/common';
import {
  installDecisionBody,
  installDecisionView,
  installRequestQuery,
  installRequestView,
} from '../schemas/slack-app';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const installRequestJson = (r: InstallRequestWithInstallation) => ({
  id: r.id,
  teamId: r.teamId,
  enterpriseId: r.enterpriseId,
  teamName: r.teamName,
  requestedBy: r.requestedBy,
  message: r.message,
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: iso(r.decidedAt),
  decisionNote: r.decisionNote,
  createdAt: r.createdAt.toISOString(),
  installation: r.installation && {
    id: r.installation.id,
    scopes: r.installation.scopes,
    installedAt: r.installation.installedAt.toISOString(),
    revokedAt: iso(r.installation.revokedAt),
  },
});

const CONFLICTS =
  'conflict: decided already; approving a request whose installation is gone (deleted, or the workspace ' +
  'removed the app); denying one that integrations post through (named in `details.integrations`)';

/**
 * Install requests: workspaces installed under the approval policy wait, pending, until an
 * administrator approves or denies. The installer hears of the decision from the bot in a direct
 * message; a denied installation is deleted and its token revoked at Slack.
 */
export async function slackInstallRequestRoutes(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const { db, box } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const slack = decisionSlack(options.slackApiUrl);

  api.get(
    '/slack/install-requests',
    {
      schema: {
        tags: ['slack'],
        summary: 'Install requests waiting for a decision (or with ?status=, decided ones), oldest first',
        querystring: installRequestQuery,
        response: responses({ status: 200, description: 'Requests', schema: listOf(installRequestView) }, [400]),
      },
    },
    async (request) => {
      const { status } = request.query;
      const rows = await listInstallRequests(db, status === 'all' ? {} : { status });
      return { items: rows.map(installRequestJson) };
    },
  );

  for (const verb of ['approve', 'deny'] as const) {
    api.post(
      `/slack/install-requests/:id/${verb}`,
      {
        schema: {
          tags: ['slack'],
          summary:
            verb === 'approve'
              ? 'Approve an install: the workspace is served from now on; the installer is told (audited)'
              : 'Deny an install: the installation is deleted and its token revoked; the installer is told (audited)',
          params: idParams,
          body: installDecisionBody,
          response: responses({ status: 200, description: 'Decided', schema: installDecisionView }, [400, 404, 409], {
            errorDescriptions: { 409: CONFLICTS },
          }),
        },
      },
      async (request) => {
        const { id } = request.params;
        const outcome = await decideSlackInstall(
          { db, box, slack },
          id,
          { approve: verb === 'approve', note: request.body.note },
          auditActor(request),
        );
        switch (outcome.kind) {
          case 'missing':
            throw notFound('install request', id);
          case 'decided':
            throw new AppError(ErrorCode.Conflict, `install request ${id} was ${outcome.request.status} already`);
          case 'installation_gone':
            throw new AppError(
              ErrorCode.Conflict,
              `install request ${id}: its installation is gone (deleted, or ${outcome.request.teamName} removed the app); deny it, or have them install again`,
            );
          case 'referenced':
            throw stillInUse('Pending Slack installation of install request', id, outcome.integrations);
          default: {
            request.log.info(
              { requestId: id, decision: outcome.kind, notified: outcome.notified, tokenRevoked: outcome.tokenRevoked },
              'slack install request decided',
            );
            const { notified, notifyError, tokenRevoked } = outcome;
            return { ...installRequestJson(outcome.request), notified, notifyError, tokenRevoked };
          }
        }
      },
    );
  }
}
