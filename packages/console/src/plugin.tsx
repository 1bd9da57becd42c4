import { join } from 'node:path';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySecureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import { gitlabFailureOf } from '@chatops/gitlab';
import { OAuthGrantRejected } from '@chatops/identity';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AdminRefusal } from './admin-calls';
import { ProjectAccess } from './auth/project-access';
import { requireUser } from './require-user';
import { signInRoutes } from './auth/sign-in-routes';
import { ConsolePageError } from './context';
import { CONSOLE_PREFIX, type ConsoleOptions } from './options';
import { ErrorPage } from './pages/simple-pages';
import { sendPage } from './render';
import { auditRoutes } from './routes/audit';
import { connectionRoutes } from './routes/connections';
import { dashboardRoutes } from './routes/dashboard';
import { deliveryRoutes } from './routes/deliveries';
import { endpointRoutes } from './routes/endpoints';
import { integrationRoutes } from './routes/integrations';
import { mattermostRoutes } from './routes/mattermost';
import { projectRoutes } from './routes/projects';
import { slackAppRoutes } from './routes/slack-app';

/** The stylesheet and script, next to src/ and dist/ alike. */
const ASSETS = join(__dirname, '..', 'public');

/**
 * The operator console under /console: server-rendered pages over the admin API, signed in
 * through GitLab. Encapsulated: its session, CSRF, CSP and error pages apply to it alone.
 */
export async function consolePlugin(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  await app.register(
    async (console) => {
      const https = options.publicUrl.startsWith('https:');
      await console.register(fastifyHelmet, {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'none'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            imgSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            baseUri: ["'none'"],
            ...(https ? { upgradeInsecureRequests: [] } : {}),
          },
        },
        hsts: https,
      });
      await console.register(fastifySecureSession, {
        key: options.sessionKey,
        cookieName: 'chatops_console',
        // The sign-in ends at sessionTtlSeconds (require-user checks it); the cookie lives an hour
        // longer so that the next page can say the session expired rather than only "sign in".
        expiry: options.sessionTtlSeconds + 3600,
        cookie: { path: CONSOLE_PREFIX, httpOnly: true, sameSite: 'lax', secure: https },
      });
      await console.register(fastifyFormbody);
      await console.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
      await console.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', decorateReply: false, index: false });
      console.setErrorHandler(consoleErrorHandler);
      console.decorateRequest('consoleContext', null);
      // Every form posts its CSRF token; a POST without a valid one is refused before any work.
      console.addHook('preHandler', async (request, reply) => {
        if (request.method !== 'POST') return;
        await new Promise<void>((resolve, reject) =>
          console.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
        );
      });

      await console.register(signInRoutes, options);
      await console.register(async (pages) => {
        const access = new ProjectAccess(options.gitlab, 60_000, options.now);
        pages.addHook('preHandler', requireUser(options, { admin: options.admin, gitlab: options.gitlab, access }));
        pages.post('/auth/sign-out', async (request, reply) => {
          const user = request.consoleContext?.user;
          if (user) access.forget(user.id);
          request.session.regenerate();
          request.session.set('notice', 'Signed out.');
          return reply.redirect(`${CONSOLE_PREFIX}/auth/sign-in`, 303);
        });
        for (const routes of [
          dashboardRoutes,
          projectRoutes,
          endpointRoutes,
          integrationRoutes,
          deliveryRoutes,
          connectionRoutes,
          mattermostRoutes,
          slackAppRoutes,
          auditRoutes,
        ])
          await pages.register(routes, options);
      });
    },
    { prefix: CONSOLE_PREFIX },
  );
}

async function consoleErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const chrome = request.consoleContext?.chrome;
  const page = (status: number, title: string, message: string) =>
    sendPage(reply, <ErrorPage chrome={chrome} title={title} message={message} />, status);
  if (error instanceof ConsolePageError) return page(error.status, error.title, error.message);
  if (error instanceof AdminRefusal) return page(error.status >= 500 ? 502 : error.status, 'Refused', error.message);
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET')
    return page(
      403,
      'Form refused',
      'This form did not come from this console page, or it is too old (CSRF check failed). Reload the page and try again.',
    );
  if (error instanceof OAuthGrantRejected) return page(400, 'Sign-in failed', error.message);
  if (error.statusCode && error.statusCode < 500) return page(error.statusCode, 'Bad request', error.message);
  const gitlab = gitlabFailureOf(error);
  if (gitlab.status !== undefined) {
    request.log.warn({ err: error }, 'GitLab refused a console call');
    // GitLab's 403 and 404 are the user's answer (not theirs, or not there); anything else is GitLab's trouble.
    const status = gitlab.status === 403 || gitlab.status === 404 ? gitlab.status : 502;
    return page(status, 'GitLab refused', `GitLab answered ${gitlab.status}: ${gitlab.message}`);
  }
  request.log.error({ err: error }, 'console page failed');
  return page(500, 'Something went wrong', 'The console could not do this; the gateway log has the details.');
}
