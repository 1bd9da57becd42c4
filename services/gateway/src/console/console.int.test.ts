import { FakeGitLab } from '@chatops/testing';
import { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { buildGateway } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

const PUBLIC_URL = 'http://127.0.0.1:3998';
const CLIENT = {
  clientId: 'chatops-app',
  clientSecret: 'gloas-console-secret',
  redirectUri: [`${PUBLIC_URL}/oauth/gitlab/callback`, `${PUBLIC_URL}/console/auth/callback`],
};
const ROOT = { id: 1, username: 'root', name: 'Administrator', isAdmin: true };
const MAINTAINER = { id: 2, username: 'maria', name: 'Maria Maintainer' };
const DEVELOPER = { id: 3, username: 'dave', name: 'Dave Developer' };
const OUTSIDER = { id: 4, username: 'olga', name: 'Olga Outsider' };
const OURS = { id: 15, path_with_namespace: 'mike/diaspora', name: 'Diaspora' };
const THEIRS = { id: 16, path_with_namespace: 'other/secret', name: 'Secret' };
// Longer than a GitLab access token lives (2 h), so a session sees its token refreshed.
const TTL_SECONDS = 6 * 3600;

/** A browser's cookie for the console, carried across injected requests. */
class Browser {
  private cookie = '';
  constructor(private readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    // The raw header: the cookie's value is URL-encoded and must go back exactly as it came.
    const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const raw = headers.map((h) => h.split(';')[0] ?? '').find((pair) => pair.startsWith('chatops_console='));
    if (raw !== undefined) this.cookie = raw === 'chatops_console=' ? '' : raw;
    return response;
  }

  /** The CSRF token of the page's forms. */
  async csrf(url: string): Promise<string> {
    const page = await this.request('GET', url);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${url}: ${page.statusCode} ${page.body.slice(0, 300)}`);
    return token;
  }
}

describe('operator console: sign-in, access, CSRF, expiry (in-process gateway, real PostgreSQL and Redis, fake GitLab)', () => {
  const gitlab = new FakeGitLab();
  let database: TestDatabase;
  let prefix: string;
  let app: FastifyInstance;
  let clock: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await gitlab.start();
  });
  afterAll(async () => {
    await gitlab.stop();
    await database.drop();
  });
  beforeEach(async () => {
    gitlab.reset();
    for (const user of [ROOT, MAINTAINER, DEVELOPER, OUTSIDER]) gitlab.addUser(user);
    gitlab.addProject({ ...OURS, members: { [MAINTAINER.id]: 40, [DEVELOPER.id]: 30 } });
    gitlab.addProject({ ...THEIRS, members: {} });
    gitlab.addOAuthApplication({ ...CLIENT, scopes: ['api'] });
    await database.db.auditEntry.deleteMany();
    await database.db.project.deleteMany();
    prefix = uniquePrefix('console');
    clock = Date.now();
    const deps = testGatewayDeps(
      {
        DATABASE_URL: database.url,
        QUEUE_PREFIX: prefix,
        PUBLIC_URL,
        GITLAB_URL: gitlab.url,
        GITLAB_OAUTH_CLIENT_ID: CLIENT.clientId,
        GITLAB_OAUTH_CLIENT_SECRET: CLIENT.clientSecret,
        CONSOLE_SESSION_TTL_SECONDS: String(TTL_SECONDS),
        CONSOLE_ADMINS: '',
      },
      { now: () => clock },
    );
    if (deps.redis.status !== 'ready') await new Promise((resolve) => deps.redis.once('ready', resolve));
    ({ app } = await buildGateway(deps));
  });
  afterEach(async () => {
    await app.close();
    await deletePrefix(prefix);
  });

  /** Our sign-in → GitLab's authorize page (approves the browser user at once) → our callback. */
  async function signIn(userId: number): Promise<{ browser: Browser; finish: LightMyRequestResponse }> {
    gitlab.setBrowserUser(userId);
    const browser = new Browser(app);
    const start = await browser.request('GET', '/console/auth/gitlab?returnTo=/console/projects');
    expect(start.statusCode).toBe(302);
    const atGitLab = await fetch(String(start.headers.location), { redirect: 'manual' });
    const callback = new URL(atGitLab.headers.get('location') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_URL}/console/auth/callback`);
    const finish = await browser.request('GET', `${callback.pathname}${callback.search}`);
    return { browser, finish };
  }

  async function addProject(gitlabProjectId: number, path: string) {
    return database.db.project.create({
      data: { gitlabProjectId, pathWithNamespace: path, name: path, webUrl: `${gitlab.url}/${path}` },
    });
  }

  it('sends a stranger to sign-in, and serves the page with a strict CSP and no caching', async () => {
    const browser = new Browser(app);
    const page = await browser.request('GET', '/console/projects');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/console/auth/sign-in?returnTo=%2Fconsole%2Fprojects');
    const signInPage = await browser.request('GET', String(page.headers.location));
    expect(signInPage.body).toContain('Sign in to continue.');
    expect(signInPage.body).toContain('/console/auth/gitlab?returnTo=%2Fconsole%2Fprojects');
    const csp = String(signInPage.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(signInPage.headers['cache-control']).toBe('no-store');
  });

  it('signs an administrator in with PKCE and an HttpOnly SameSite cookie scoped to /console', async () => {
    gitlab.setBrowserUser(ROOT.id);
    const browser = new Browser(app);
    const start = await browser.request('GET', '/console/auth/gitlab');
    const authorize = new URL(String(start.headers.location));
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/console/auth/callback`);
    const cookie = start.cookies.find((c) => c.name === 'chatops_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/console' });

    const { browser: admin, finish } = await signIn(ROOT.id);
    expect(finish.statusCode).toBe(302);
    expect(finish.headers.location).toBe('/console/projects');
    const projects = await admin.request('GET', '/console/projects');
    expect(projects.statusCode).toBe(200);
    expect(projects.body).toContain('Administrator (@root) · admin');
    // An administrator may add any project, including ones they are no member of.
    expect(projects.body).toContain('other/secret');
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const { browser } = await signIn(ROOT.id);
    const forged = await browser.request('GET', '/console/auth/callback?code=abc&state=not-ours');
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('stale or was not started here');
  });

  it('shows a clear no-access page to someone who maintains nothing, and keeps no session', async () => {
    for (const user of [OUTSIDER, DEVELOPER]) {
      const { browser, finish } = await signIn(user.id);
      expect(finish.statusCode).toBe(403);
      expect(finish.body).toContain(`@${user.username}, you are not a GitLab administrator`);
      expect((await browser.request('GET', '/console/projects')).statusCode).toBe(303);
    }
  });

  it("shows a maintainer only their projects and refuses another project's pages", async () => {
    const ours = await addProject(OURS.id, OURS.path_with_namespace);
    const theirs = await addProject(THEIRS.id, THEIRS.path_with_namespace);
    const { browser } = await signIn(MAINTAINER.id);
    const list = await browser.request('GET', '/console/projects');
    expect(list.body).toContain(`/console/projects/${ours.id}`);
    expect(list.body).not.toContain(`/console/projects/${theirs.id}`);
    expect(list.body).not.toContain('other/secret');
    expect((await browser.request('GET', `/console/projects/${ours.id}`)).statusCode).toBe(200);
    const refused = await browser.request('GET', `/console/projects/${theirs.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You are not a Maintainer or Owner of other/secret in GitLab');
    expect((await browser.request('GET', '/console/audit')).statusCode).toBe(403);

    // Adding a project they do not maintain is refused by asking GitLab, not by trusting the form.
    const csrf = await browser.csrf('/console/projects');
    await database.db.project.delete({ where: { id: theirs.id } });
    const add = await browser.request('POST', '/console/projects', { _csrf: csrf, gitlabProjectId: String(THEIRS.id) });
    expect(add.statusCode).toBe(404);
    expect(await database.db.project.count({ where: { gitlabProjectId: THEIRS.id } })).toBe(0);
  });

  it('refuses a form without its CSRF token, and changes nothing', async () => {
    const { browser } = await signIn(ROOT.id);
    const forms: Record<string, string>[] = [
      { gitlabProjectId: String(OURS.id) },
      { gitlabProjectId: String(OURS.id), _csrf: 'forged' },
    ];
    for (const form of forms) {
      const post = await browser.request('POST', '/console/projects', form);
      expect(post.statusCode).toBe(403);
      expect(post.body).toContain('CSRF check failed');
    }
    expect(await database.db.project.count()).toBe(0);

    const csrf = await browser.csrf('/console/projects');
    const post = await browser.request('POST', '/console/projects', { _csrf: csrf, gitlabProjectId: String(OURS.id) });
    expect(post.statusCode).toBe(303);
    const project = await database.db.project.findUniqueOrThrow({ where: { gitlabProjectId: OURS.id } });
    expect(project.pathWithNamespace).toBe('mike/diaspora');
    // The change is the signed-in user's, in the audit log.
    const audit = await database.db.auditEntry.findMany();
    expect(audit.map((e) => e.actor)).toEqual(['gitlab:root']);
  });

  it('ends the session after CONSOLE_SESSION_TTL_SECONDS and says so', async () => {
    const { browser } = await signIn(ROOT.id);
    expect((await browser.request('GET', '/console/projects')).statusCode).toBe(200);
    clock += (TTL_SECONDS - 1) * 1000;
    expect((await browser.request('GET', '/console/projects')).statusCode).toBe(200);
    clock += 2000;
    const expired = await browser.request('GET', '/console/projects');
    expect(expired.statusCode).toBe(303);
    const signInPage = await browser.request('GET', String(expired.headers.location));
    expect(signInPage.body).toContain('Your session expired: sign in again.');
    clock -= 2000;
    // The old cookie was replaced: going back in time does not bring the session back.
    expect((await browser.request('GET', '/console/projects')).statusCode).toBe(303);
  });

  it("refreshes the user's GitLab token when it nears its end, and signs out when GitLab refuses the refresh", async () => {
    const { browser } = await signIn(MAINTAINER.id);
    const ours = await addProject(OURS.id, OURS.path_with_namespace);
    expect((await browser.request('GET', `/console/projects/${ours.id}`)).statusCode).toBe(200);
    const refreshes = () => gitlab.requestCount('POST /oauth/token') - 1; // the first was the code exchange
    expect(refreshes()).toBe(0);
    clock += 7200 * 1000; // the access token's 2 h
    expect((await browser.request('GET', `/console/projects/${ours.id}`)).statusCode).toBe(200);
    expect(refreshes()).toBe(1);

    clock += 7200 * 1000;
    gitlab.failNext('POST /oauth/token', 1, { status: 400, error: 'invalid_grant' });
    const refused = await browser.request('GET', `/console/projects/${ours.id}`);
    expect(refused.statusCode).toBe(303);
    const signInPage = await browser.request('GET', String(refused.headers.location));
    expect(signInPage.body).toContain('GitLab no longer accepts your sign-in: sign in again.');
  });

  it('signs out on POST with the CSRF token', async () => {
    const { browser } = await signIn(ROOT.id);
    const csrf = await browser.csrf('/console/projects');
    const out = await browser.request('POST', '/console/auth/sign-out', { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect((await browser.request('GET', '/console/projects')).statusCode).toBe(303);
  });
});
