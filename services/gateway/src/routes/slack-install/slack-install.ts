import { type IncomingMessage, type ServerResponse } from 'node:http';
import { SlackAppClient } from '@chatops/chat';
import { type Db, type SecretBox } from '@chatops/db';
import { type Logger } from '@chatops/observability';
import { SLACK_BOT_SCOPES, SLACK_PATHS, type SlackAppConfig, type SlackAppConfigSource } from '@chatops/slack-app';
import { type CodedError, ErrorCode as OAuthErrorCode, type Installation, InstallProvider } from '@slack/oauth';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { encodeInstallMetadata } from './install-metadata';
import {
  installDonePage,
  installErrorPage,
  installPageCsp,
  installStartPage,
  REQUEST_MESSAGE_MAX,
} from './install-pages';
import { ChatopsInstallationStore } from './installation-store';
import { INSTALL_STATE_TTL_SECONDS, RedisInstallStateStore } from './oauth-state-store';
import { slackLogger } from './slack-logger';
import { type RedisConnection } from '@chatops/jobs';

export interface SlackInstallOptions {
  db: Db;
  box: SecretBox;
  redis: RedisConnection;
  /** Redis key prefix (QUEUE_PREFIX) of the install states (not `prefix`: fastify reads that as a route prefix). */
  keyPrefix: string;
  slackApp: SlackAppConfigSource;
  publicUrl: string;
  /** Slack's Web API, where the code is exchanged (oauth.v2.access). */
  slackApiUrl: string;
  /** Slack's consent screen (SLACK_OAUTH_AUTHORIZE_URL). */
  authorizeUrl: string;
}

/** What the install pages say when an install cannot be started or finished, by @slack/oauth's error code. */
const FAILURES: Record<string, { status: number; title: string; message: string; again: boolean }> = {
  [OAuthErrorCode.AuthorizationError]: {
    status: 200,
    title: 'Installation cancelled',
    message: 'Nothing was installed.',
    again: true,
  },
  [OAuthErrorCode.InvalidStateError]: {
    status: 400,
    title: 'Install link expired',
    message:
      'This install was started more than 10 minutes ago, in another browser, or already finished. Nothing was installed.',
    again: true,
  },
  [OAuthErrorCode.MissingStateError]: {
    status: 400,
    title: 'Install link incomplete',
    message: 'Slack sent you back without the install state. Nothing was installed.',
    again: true,
  },
  [OAuthErrorCode.MissingCodeError]: {
    status: 400,
    title: 'Install link incomplete',
    message: 'Slack sent you back without an authorization code. Nothing was installed.',
    again: true,
  },
};

/**
 * "Add to Slack", Slack's OAuth v2 install, with @slack/oauth's InstallProvider:
 * `GET /slack/install` (what the app is; under the approval policy, the request's message),
 * `POST /slack/install` (state in Redis and in a cookie, then Slack's consent screen) and
 * `GET /slack/oauth/callback` (state checked, code exchanged at oauth.v2.access, the installation
 * stored active or pending approval, a page saying which). The app's client id and secret are the
 * ones in effect at each request, so new credentials apply at once.
 */
export async function slackInstallRoutes(app: FastifyInstance, options: SlackInstallOptions): Promise<void> {
  const installUrl = `${options.publicUrl}${SLACK_PATHS.install}`;
  const csp = installPageCsp(options.authorizeUrl);
  const stateStore = new RedisInstallStateStore(options.redis, options.keyPrefix);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, new URLSearchParams(String(body))),
  );

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', csp)
      .send(body);

  /** The settings if installs are possible now, else the page saying why not (already sent). */
  async function installable(reply: FastifyReply): Promise<InstallableApp | null> {
    const config = await options.slackApp.current();
    if (!config.enabled) {
      await html(reply, 403, installErrorPage('Installs are closed', 'An administrator turned the Slack app off.'));
      return null;
    }
    const clientId = config.credentials.clientId.value;
    const clientSecret = config.credentials.clientSecret.value;
    if (!clientId || !clientSecret) {
      await html(
        reply,
        503,
        installErrorPage(
          'Not configured yet',
          "An administrator must enter the Slack app's client id and secret first (chatops slack:app:set).",
        ),
      );
      return null;
    }
    return { config, clientId, clientSecret };
  }

  const installer = (app: InstallableApp, log: Logger, store: ChatopsInstallationStore) =>
    new InstallProvider({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      stateStore,
      installationStore: store,
      authorizationUrl: options.authorizeUrl,
      directInstall: true,
      stateCookieExpirationSeconds: INSTALL_STATE_TTL_SECONDS,
      logger: slackLogger(log),
      clientOptions: {
        slackApiUrl: options.slackApiUrl.endsWith('/') ? options.slackApiUrl : `${options.slackApiUrl}/`,
        retryConfig: { retries: 0 },
        timeout: 10_000,
      },
    });

  const storeFor = (config: SlackAppConfig) =>
    new ChatopsInstallationStore({ db: options.db, box: options.box, config, publicUrl: options.publicUrl });

  app.get(SLACK_PATHS.install, async (_request, reply) => {
    const ready = await installable(reply);
    if (!ready) return reply;
    return html(
      reply,
      200,
      installStartPage({ policy: ready.config.installPolicy, approvalLink: ready.config.approvalLink }),
    );
  });

  app.post<{ Body: URLSearchParams | undefined }>(SLACK_PATHS.install, async (request, reply) => {
    const ready = await installable(reply);
    if (!ready) return reply;
    const message = (request.body?.get('message') ?? '').trim().slice(0, REQUEST_MESSAGE_MAX);
    reply.hijack();
    reply.raw.setHeader('cache-control', 'no-store');
    await installer(ready, request.log as Logger, storeFor(ready.config)).handleInstallPath(
      request.raw,
      reply.raw,
      undefined,
      {
        scopes: [...SLACK_BOT_SCOPES],
        redirectUri: `${options.publicUrl}${SLACK_PATHS.oauthCallback}`,
        metadata: encodeInstallMetadata({ message }),
      },
    );
  });

  app.get(SLACK_PATHS.oauthCallback, async (request, reply) => {
    const ready = await installable(reply);
    if (!ready) return reply;
    const log = request.log as Logger;
    const store = storeFor(ready.config);
    const send = (res: ServerResponse, status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': csp,
      });
      res.end(body);
    };
    reply.hijack();
    await installer(ready, log, store).handleCallback(request.raw, reply.raw, {
      // Org-wide installs are off in the manifest; one made anyway gives its token back.
      afterInstallation: async (installation: Installation, _options, _req: IncomingMessage, res: ServerResponse) => {
        if (!installation.isEnterpriseInstall) return true;
        await new SlackAppClient({ slackApiUrl: options.slackApiUrl })
          .revokeToken(installation.bot?.token ?? '')
          .catch((error: unknown) => log.warn({ err: error }, 'could not revoke an org-wide install token'));
        log.warn({ enterpriseId: installation.enterprise?.id }, 'refused an org-wide Slack install');
        send(
          res,
          400,
          installErrorPage(
            'Org-wide installs are not supported',
            'Install the app into each workspace of your Enterprise Grid organization instead. Nothing was installed.',
            installUrl,
          ),
        );
        return false;
      },
      successAsync: async (installation, _options, _req, res) => {
        const outcome = store.outcomeOf(installation);
        const teamName = installation.team?.name ?? installation.team?.id ?? 'the workspace';
        log.info(
          { teamId: installation.team?.id, outcome: outcome?.kind, reinstall: outcome?.reinstall },
          'slack app installed',
        );
        send(
          res,
          200,
          installDonePage({ kind: outcome?.kind ?? 'active', reinstall: outcome?.reinstall ?? false, teamName }),
        );
      },
      failureAsync: async (error: CodedError, _options, _req, res) => {
        const known = FAILURES[error.code];
        log.info({ code: error.code, reason: error.message }, 'slack install not completed');
        if (known)
          return send(
            res,
            known.status,
            installErrorPage(known.title, known.message, known.again ? installUrl : undefined),
          );
        send(
          res,
          502,
          installErrorPage(
            'Slack did not complete the installation',
            `${slackErrorOf(error)}. Nothing was installed. Try again; if it keeps failing, an administrator can run chatops doctor.`,
            installUrl,
          ),
        );
      },
    });
  });
}

interface InstallableApp {
  config: SlackAppConfig;
  clientId: string;
  clientSecret: string;
}

/** Slack's own error code (`invalid_code`, `bad_client_secret`), when the exchange was refused. */
function slackErrorOf(error: CodedError): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? `Slack answered ${data.error}` : `The exchange failed (${error.code})`;
}
