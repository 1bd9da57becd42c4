import { ChatProviderError } from '@chatops/chat';
import { type Db, type SlackInstallation } from '@chatops/db';
import { type SlackAppConfig } from './app-config';
import { doctorLines, type DoctorDeps, runSlackDoctor } from './doctor';
import { manifestFacts, SLACK_BOT_SCOPES, slackAppManifest } from './manifest';

const PUBLIC_URL = 'https://chatops.example.com';

const config = (overrides: Partial<SlackAppConfig> = {}): SlackAppConfig => ({
  enabled: true,
  credentials: {
    clientId: { value: '1.2', source: 'database', stored: true },
    clientSecret: { value: 'client-secret', source: 'database', stored: true },
    signingSecret: { value: 'signing-secret', source: 'env', stored: false },
    verificationToken: { value: null, source: null, stored: false },
  },
  installPolicy: 'approval',
  preApprovedTeamIds: [],
  approvalLink: null,
  updatedAt: null,
  ...overrides,
});

const installation = (overrides: Partial<SlackInstallation> = {}): SlackInstallation => ({
  id: 'inst1',
  teamId: 'T0ACME0001',
  enterpriseId: '',
  teamName: 'Acme',
  appId: 'A1',
  botUserId: 'U0BOT',
  botTokenSealed: 'sealed:xoxb-good',
  scopes: [...SLACK_BOT_SCOPES],
  installedBy: 'U0ALICE',
  installedAt: new Date('2026-12-01T00:00:00Z'),
  revokedAt: null,
  incidentChannels: false,
  pendingApproval: false,
  manifest: { ...manifestFacts(slackAppManifest(PUBLIC_URL)) },
  ...overrides,
});

/** A gateway at PUBLIC_URL that is up and takes requests signed with `acceptedSecret`'s signature (echoes the challenge). */
function gateway(options: { healthz?: number; events?: number; error?: unknown } = {}): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (options.error) throw options.error;
    const url = String(input);
    if (url.endsWith('/healthz')) return new Response('{}', { status: options.healthz ?? 200 });
    const body = JSON.parse(String(init?.body)) as { challenge: string };
    const status = options.events ?? 200;
    return new Response(status === 200 ? JSON.stringify({ challenge: body.challenge }) : '{}', { status });
  }) as typeof fetch;
}

function deps(overrides: Partial<DoctorDeps> & { installations?: SlackInstallation[] } = {}): DoctorDeps {
  const { installations = [installation()], ...rest } = overrides;
  return {
    db: { slackInstallation: { findMany: async () => installations } } as unknown as Db,
    config: config(),
    publicUrl: PUBLIC_URL,
    slackApiUrl: 'https://slack.com/api',
    slack: {
      apiTest: async () => undefined,
      authTest: async (token) => {
        if (token !== 'xoxb-good') throw ChatProviderError.rejected('token_revoked');
        return { teamId: 'T0ACME0001', scopes: undefined };
      },
    },
    open: (sealed) => sealed.replace(/^sealed:/, ''),
    fetch: gateway(),
    now: () => Date.UTC(2026, 11, 8),
    ...rest,
  };
}

const statuses = (report: { checks: Array<{ id: string; status: string }> }) =>
  Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe('runSlackDoctor', () => {
  it('finds nothing wrong with a configured app, a reachable https gateway and a complete installation', async () => {
    const report = await runSlackDoctor(deps());
    expect(statuses(report)).toEqual({
      app_enabled: 'ok',
      signing_secret: 'ok',
      oauth_credentials: 'ok',
      public_url_https: 'ok',
      public_url_reachable: 'ok',
      signed_request: 'ok',
      slack_api: 'ok',
      'installation:T0ACME0001': 'ok',
    });
    expect(report).toMatchObject({ ok: true, notes: [] });
    expect(doctorLines(report).at(-1)).toBe('No problem found.');
  });

  it('fails a disabled app without a signing secret, and says what users see (dispatch_failed)', async () => {
    const report = await runSlackDoctor(
      deps({
        config: config({
          enabled: false,
          credentials: {
            ...config().credentials,
            clientSecret: { value: null, source: null, stored: false },
            signingSecret: { value: null, source: null, stored: false },
          },
        }),
      }),
    );
    expect(statuses(report)).toMatchObject({ app_enabled: 'fail', signing_secret: 'fail', oauth_credentials: 'warn' });
    expect(report.checks.find((c) => c.id === 'signed_request')).toBeUndefined();
    expect(report.ok).toBe(false);
    expect(report.notes).toEqual([expect.stringContaining('dispatch_failed')]);
    expect(report.checks.find((c) => c.id === 'app_enabled')?.fix).toContain('slack:app:set');
  });

  it('fails when the gateway at PUBLIC_URL uses another signing secret, or is turned off there', async () => {
    const refused = await runSlackDoctor(deps({ fetch: gateway({ events: 401 }) }));
    expect(refused.checks.find((c) => c.id === 'signed_request')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('refuses requests signed with this signing secret'),
    });
    const off = await runSlackDoctor(deps({ fetch: gateway({ events: 403 }) }));
    expect(off.checks.find((c) => c.id === 'signed_request')?.summary).toContain('turned off');
  });

  it('explains certificate errors, and warns about a loopback http PUBLIC_URL', async () => {
    const expired = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
    });
    const report = await runSlackDoctor(deps({ fetch: gateway({ error: expired }) }));
    expect(report.checks.find((c) => c.id === 'public_url_reachable')).toMatchObject({
      status: 'fail',
      summary: 'https://chatops.example.com/healthz cannot be reached (CERT_HAS_EXPIRED)',
      fix: expect.stringContaining('public certificate authority'),
    });
    expect(report.notes).toEqual([expect.stringContaining('certificate'), expect.stringContaining('dispatch_failed')]);
    const local = await runSlackDoctor(deps({ publicUrl: 'http://127.0.0.1:3000' }));
    expect(statuses(local).public_url_https).toBe('warn');
    const plain = await runSlackDoctor(deps({ publicUrl: 'http://chatops.example.com' }));
    expect(statuses(plain).public_url_https).toBe('fail');
  });

  it('fails an installation whose token Slack refuses, and one that cannot be checked when Slack is unreachable', async () => {
    const report = await runSlackDoctor(
      deps({ installations: [installation({ botTokenSealed: 'sealed:xoxb-gone' })] }),
    );
    expect(report.checks.find((c) => c.id === 'installation:T0ACME0001')).toMatchObject({
      status: 'fail',
      summary: 'Acme (T0ACME0001): Slack refuses its bot token (token_revoked)',
    });
    const offline = await runSlackDoctor(
      deps({
        slack: {
          apiTest: () => Promise.reject(ChatProviderError.unavailable('request_failed')),
          authTest: () => Promise.reject(new Error('no')),
        },
      }),
    );
    expect(statuses(offline)).toMatchObject({ slack_api: 'fail', 'installation:T0ACME0001': 'warn' });
  });

  it('says which scopes are missing, and what changed in the manifest since the install, with how to update', async () => {
    const old = manifestFacts(slackAppManifest('https://old.example.com'));
    const report = await runSlackDoctor(
      deps({
        installations: [
          installation({
            scopes: ['commands', 'chat:write', 'chat:write.public'],
            manifest: { ...old, scopes: ['commands', 'chat:write', 'chat:write.public'] },
          }),
          installation({
            id: 'inst2',
            teamId: 'T0GONE0001',
            teamName: 'Gone',
            revokedAt: new Date('2026-12-05T00:00:00Z'),
          }),
        ],
      }),
    );
    expect(report.checks.find((c) => c.id === 'installation:T0ACME0001')).toMatchObject({
      status: 'warn',
      summary:
        'Acme (T0ACME0001): the bot token works but lacks chat:write.customize, im:write, channels:manage, channels:write.invites, which the manifest asks for.',
      fix: expect.stringContaining('then reinstall at https://chatops.example.com/slack/install'),
    });
    const manifest = report.checks.find((c) => c.id === 'manifest:T0ACME0001');
    expect(manifest?.summary).toContain(
      'request URL events changed from https://old.example.com/slack/events to https://chatops.example.com/slack/events',
    );
    expect(manifest?.summary).toContain(
      'new bot scopes: chat:write.customize, im:write, channels:manage, channels:write.invites',
    );
    expect(manifest?.fix).toContain("paste it into the app's App Manifest page");
    expect(manifest?.fix).toContain('so that Slack grants the new scopes');
    expect(report.checks.find((c) => c.id === 'installation:T0GONE0001')).toMatchObject({ status: 'warn' });
    expect(report.ok).toBe(true);
  });
});
