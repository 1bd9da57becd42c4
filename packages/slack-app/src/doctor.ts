import { randomBytes } from 'node:crypto';
import { type ChatProviderError, signSlackRequest, SlackAppClient, verifySlackSignature } from '@chatops/chat';
import { type Db, type SecretBox, type SlackInstallation } from '@chatops/db';
import { type SlackAppConfig } from './app-config';
import {
  manifestChanges,
  manifestFacts,
  type ManifestFacts,
  SLACK_BOT_SCOPES,
  SLACK_PATHS,
  slackAppManifest,
} from './manifest';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One thing doctor looked at: how it is, and what to do when it is not well. */
export interface DoctorCheck {
  /** Stable id: `app_enabled`, `installation:T0123`, … */
  id: string;
  status: CheckStatus;
  summary: string;
  fix?: string;
}

export interface DoctorReport {
  /** No check failed (warnings allowed). */
  ok: boolean;
  checks: DoctorCheck[];
  /** Advice about what users see, when checks that cause it failed (`dispatch_failed`, certificates). */
  notes: string[];
}

export interface DoctorDeps {
  db: Db;
  /** The Slack app's settings in effect, as the process running doctor sees them. */
  config: SlackAppConfig;
  publicUrl: string;
  slackApiUrl: string;
  slack: {
    apiTest(): Promise<void>;
    authTest(token: string): Promise<{ teamId: string; scopes: string[] | undefined }>;
  };
  /** Opens a stored bot token. */
  open(sealed: string): string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per HTTP check (default 5 s). */
  timeoutMs?: number;
}

/** Doctor's dependencies with the real Slack Web API client on `slackApiUrl`. */
export function slackDoctorDeps(parts: {
  db: Db;
  box: SecretBox;
  config: SlackAppConfig;
  publicUrl: string;
  slackApiUrl: string;
}): DoctorDeps {
  const client = new SlackAppClient({ slackApiUrl: parts.slackApiUrl, timeoutMs: 5000 });
  return {
    db: parts.db,
    config: parts.config,
    publicUrl: parts.publicUrl,
    slackApiUrl: parts.slackApiUrl,
    slack: { apiTest: () => client.apiTest(), authTest: (token) => client.authTest(token) },
    open: (sealed) => parts.box.open(sealed),
  };
}

/** The report as lines for a terminal: one per check, its fix under it, then the notes. */
export function doctorLines(report: DoctorReport): string[] {
  const mark: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };
  const lines = report.checks.flatMap((c) => [
    `${mark[c.status]}  ${c.id}: ${c.summary}`,
    ...(c.fix && c.status !== 'ok' ? [`      fix: ${c.fix}`] : []),
  ]);
  for (const note of report.notes) lines.push('', note);
  lines.push(
    '',
    report.ok ? 'No problem found.' : `${report.checks.filter((c) => c.status === 'fail').length} problem(s) found.`,
  );
  return lines;
}

const ok = (id: string, summary: string): DoctorCheck => ({ id, status: 'ok', summary });
const warn = (id: string, summary: string, fix: string): DoctorCheck => ({ id, status: 'warn', summary, fix });
const fail = (id: string, summary: string, fix: string): DoctorCheck => ({ id, status: 'fail', summary, fix });

const SET_APP = 'chatops slack:app:set (or PUT /api/v1/slack/app)';

/** Node's TLS error codes for a certificate a client will not trust. */
const CERTIFICATE_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** The innermost error code of a failed fetch (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …). */
function errorCode(error: unknown): string | undefined {
  let code: string | undefined;
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    if (typeof current.code === 'string') code = current.code;
    current = current.cause as typeof current;
  }
  if (!code && error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  return code;
}

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(new URL(url).hostname);

/** What Slack's users see when the gateway is not right, and what to check (seed 000's troubleshooting). */
const DISPATCH_FAILED = (publicUrl: string) =>
  `Slash commands answer "/gitlab failed with the error "dispatch_failed"" when Slack cannot reach ` +
  `${publicUrl}${SLACK_PATHS.commands} or chatops refuses the request: the app must be enabled, its signing ` +
  "secret the one on the Slack app's Basic Information page, and PUBLIC_URL reachable from the internet over " +
  'HTTPS with a valid certificate (Slack must reach chatops; chatops must reach https://slack.com).';

const CERTIFICATE_NOTE =
  'Slack refuses certificates that are self-signed, expired or issued for another name: put one from a public ' +
  "certificate authority (Let's Encrypt, say) with its whole chain on the reverse proxy in front of the gateway.";

/**
 * Checks what the GitLab for Slack app administration docs' troubleshooting names: the app is
 * enabled and configured, its signing secret works against the gateway at PUBLIC_URL, PUBLIC_URL is
 * https and reachable, Slack's Web API answers, each installation's bot token is valid with the
 * manifest's scopes, and what changed in the manifest since each was installed.
 */
export async function runSlackDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 5000;
  const now = deps.now ?? Date.now;
  const { config, publicUrl } = deps;
  const checks: DoctorCheck[] = [];
  const notes = new Set<string>();

  checks.push(
    config.enabled
      ? ok('app_enabled', 'The Slack app is enabled')
      : fail(
          'app_enabled',
          "The Slack app is turned off: Slack's requests are refused and nobody can install it",
          `${SET_APP} --enable`,
        ),
  );
  if (!config.enabled) notes.add(DISPATCH_FAILED(publicUrl));

  const signingSecret = config.credentials.signingSecret.value;
  const from = (source: string | null) => (source === 'env' ? 'from the environment' : 'stored');
  if (!signingSecret) {
    checks.push(
      fail(
        'signing_secret',
        'No signing secret: every request from Slack is refused',
        `Copy the Signing Secret from the app's Basic Information page at https://api.slack.com/apps into ${SET_APP} --signing-secret, or SLACK_SIGNING_SECRET`,
      ),
    );
    notes.add(DISPATCH_FAILED(publicUrl));
  } else {
    // Sign and verify a sample as Slack and the gateway would: the secret is usable as configured.
    const timestamp = String(Math.floor(now() / 1000));
    const sample = Buffer.from('token=doctor&command=%2Fgitlab&text=help');
    const verified = verifySlackSignature(
      signingSecret,
      { timestamp, signature: signSlackRequest(signingSecret, timestamp, sample), body: sample },
      Number(timestamp),
    );
    checks.push(
      verified === 'valid'
        ? ok(
            'signing_secret',
            `A signing secret is set (${from(config.credentials.signingSecret.source)}) and signs and verifies a sample request`,
          )
        : fail(
            'signing_secret',
            `The signing secret does not verify a request it signed (${verified})`,
            `Set it again: ${SET_APP} --signing-secret`,
          ),
    );
  }

  const { clientId, clientSecret } = config.credentials;
  checks.push(
    clientId.value && clientSecret.value
      ? ok(
          'oauth_credentials',
          `The client id (${clientId.value}) and client secret are set: workspaces can install at ${publicUrl}${SLACK_PATHS.install}`,
        )
      : warn(
          'oauth_credentials',
          `No ${clientId.value ? 'client secret' : clientSecret.value ? 'client id' : 'client id or secret'}: "Add to Slack" installs are closed (slack:install:add still works)`,
          `Copy them from the app's Basic Information › App Credentials into ${SET_APP} --client-id … --client-secret …`,
        ),
  );

  // PUBLIC_URL: https, reachable, and the gateway behind it takes requests signed with this secret.
  const url = new URL(publicUrl);
  checks.push(
    url.protocol === 'https:'
      ? ok('public_url_https', `PUBLIC_URL is https (${publicUrl})`)
      : isLoopback(publicUrl)
        ? warn(
            'public_url_https',
            `PUBLIC_URL is ${publicUrl}: fine for trying chatops on this machine, but Slack cannot reach it`,
            'Set PUBLIC_URL to the https URL of the reverse proxy (or tunnel) in front of the gateway',
          )
        : fail(
            'public_url_https',
            `PUBLIC_URL is not https (${publicUrl}): Slack only sends requests to https URLs`,
            'Put the gateway behind a reverse proxy with a valid certificate and set PUBLIC_URL to its https URL',
          ),
  );

  const reachable = await probe(doFetch, `${publicUrl}/healthz`, { method: 'GET' }, timeoutMs);
  if (reachable.kind === 'answered' && reachable.status === 200) {
    checks.push(ok('public_url_reachable', `${publicUrl}/healthz answers 200`));
  } else {
    const certificate = reachable.kind === 'failed' && CERTIFICATE_ERRORS.has(reachable.code);
    checks.push(
      fail(
        'public_url_reachable',
        reachable.kind === 'answered'
          ? `${publicUrl}/healthz answers ${reachable.status}, not 200`
          : `${publicUrl}/healthz cannot be reached (${reachable.code})`,
        certificate
          ? CERTIFICATE_NOTE
          : 'Check that the gateway runs and that PUBLIC_URL (DNS, reverse proxy, firewall) leads to its GATEWAY_PORT',
      ),
    );
    if (certificate) notes.add(CERTIFICATE_NOTE);
    notes.add(DISPATCH_FAILED(publicUrl));
  }

  if (signingSecret && reachable.kind === 'answered')
    checks.push(await eventsCheck(deps, doFetch, signingSecret, timeoutMs, now, notes));

  const slackApi = await deps.slack.apiTest().then(
    () => null,
    (error: unknown) => describeSlackError(error),
  );
  checks.push(
    slackApi === null
      ? ok('slack_api', `Slack's Web API answers (${deps.slackApiUrl})`)
      : fail(
          'slack_api',
          `Slack's Web API cannot be reached at ${deps.slackApiUrl} (${slackApi})`,
          'chatops must be able to make requests to https://slack.com: check the proxy and firewall rules for outgoing HTTPS',
        ),
  );

  const manifest = manifestFacts(slackAppManifest(publicUrl));
  const installations = await deps.db.slackInstallation.findMany({ orderBy: [{ installedAt: 'asc' }, { id: 'asc' }] });
  if (installations.length === 0)
    checks.push(
      warn(
        'installations',
        'No workspace has installed the app yet',
        `Install it: open ${publicUrl}${SLACK_PATHS.install} (or chatops slack:install:add with a bot token)`,
      ),
    );
  for (const installation of installations) {
    checks.push(await installationCheck(deps, installation, slackApi === null));
    const changed = manifestCheck(installation, manifest, publicUrl);
    if (changed) checks.push(changed);
  }

  return { ok: checks.every((c) => c.status !== 'fail'), checks, notes: [...notes] };
}

type Probe = { kind: 'answered'; status: number; body: string } | { kind: 'failed'; code: string };

async function probe(doFetch: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Probe> {
  try {
    const response = await doFetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { kind: 'answered', status: response.status, body: await response.text() };
  } catch (error) {
    return { kind: 'failed', code: errorCode(error) ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * A `url_verification` signed with the secret, sent to the gateway at PUBLIC_URL as Slack would:
 * answered with its challenge, the gateway there is enabled and uses the same secret.
 */
async function eventsCheck(
  deps: DoctorDeps,
  doFetch: typeof fetch,
  signingSecret: string,
  timeoutMs: number,
  now: () => number,
  notes: Set<string>,
): Promise<DoctorCheck> {
  const url = `${deps.publicUrl}${SLACK_PATHS.events}`;
  const challenge = randomBytes(12).toString('hex');
  const body = JSON.stringify({ type: 'url_verification', challenge, token: 'chatops-doctor' });
  const timestamp = String(Math.floor(now() / 1000));
  const answer = await probe(
    doFetch,
    url,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(signingSecret, timestamp, Buffer.from(body)),
      },
      body,
    },
    timeoutMs,
  );
  if (answer.kind === 'answered' && answer.status === 200 && answer.body.includes(challenge))
    return ok('signed_request', `${url} takes a request signed with the signing secret (url_verification answered)`);
  notes.add(DISPATCH_FAILED(deps.publicUrl));
  if (answer.kind === 'failed')
    return fail('signed_request', `${url} cannot be reached (${answer.code})`, 'See public_url_reachable');
  const why =
    answer.status === 401
      ? 'refuses requests signed with this signing secret: the gateway there runs with another one (SLACK_SIGNING_SECRET in its environment wins over the stored one)'
      : answer.status === 403
        ? 'answers that the Slack app is turned off'
        : `answers ${answer.status}`;
  return fail(
    'signed_request',
    `${url} ${why}`,
    `Make the gateway's signing secret the one on the Slack app's Basic Information page (${SET_APP}, or SLACK_SIGNING_SECRET), and enable the app`,
  );
}

async function installationCheck(
  deps: DoctorDeps,
  installation: SlackInstallation,
  slackReachable: boolean,
): Promise<DoctorCheck> {
  const id = `installation:${installation.teamId}`;
  const name = `${installation.teamName} (${installation.teamId})`;
  const reinstall = `reinstall at ${deps.publicUrl}${SLACK_PATHS.install}`;
  if (installation.revokedAt)
    return warn(
      id,
      `${name} removed the app on ${installation.revokedAt.toISOString()}: nothing is posted there`,
      `Have a workspace administrator ${reinstall}, or delete the installation (slack:install:delete)`,
    );
  if (!slackReachable)
    return warn(id, `${name}: its bot token was not checked (Slack's Web API unreachable)`, 'See slack_api');
  let granted: string[];
  try {
    const answer = await deps.slack.authTest(deps.open(installation.botTokenSealed));
    granted = answer.scopes ?? installation.scopes;
  } catch (error) {
    return fail(
      id,
      `${name}: Slack refuses its bot token (${describeSlackError(error)})`,
      `Have a workspace administrator ${reinstall}; a token given by hand is replaced with slack:install:add`,
    );
  }
  const missing = SLACK_BOT_SCOPES.filter((scope) => !granted.includes(scope));
  const pending = installation.pendingApproval ? ' It waits for approval (slack:install:requests).' : '';
  if (missing.length > 0)
    return warn(
      id,
      `${name}: the bot token works but lacks ${missing.join(', ')}, which the manifest asks for.${pending}`,
      `Paste the current manifest (chatops slack:manifest) into the app's App Manifest page, then ${reinstall} so Slack grants the new scopes`,
    );
  if (installation.pendingApproval)
    return warn(
      id,
      `${name}: the bot token works, with every scope.${pending}`,
      'Approve or deny it: chatops slack:install:approve|deny --id …',
    );
  return ok(id, `${name}: the bot token works and has every scope the manifest asks for`);
}

/** What changed in the manifest since the installation was made through "Add to Slack". */
function manifestCheck(installation: SlackInstallation, current: ManifestFacts, publicUrl: string): DoctorCheck | null {
  if (installation.revokedAt || !installation.manifest || typeof installation.manifest !== 'object') return null;
  const changes = manifestChanges(installation.manifest as Partial<ManifestFacts>, current);
  if (changes.length === 0) return null;
  const newScopes = changes.some((c) => c.startsWith('new bot scopes'));
  return warn(
    `manifest:${installation.teamId}`,
    `The manifest changed since ${installation.teamName} (${installation.teamId}) installed the app: ${changes.join('; ')}`,
    'Update the app: download the manifest (GET /api/v1/slack/manifest?download=1, or chatops slack:manifest), paste it ' +
      "into the app's App Manifest page at https://api.slack.com/apps (JSON tab) and Save Changes" +
      (newScopes ? `; then reinstall at ${publicUrl}${SLACK_PATHS.install} so that Slack grants the new scopes` : ''),
  );
}

function describeSlackError(error: unknown): string {
  const provider = (error as Partial<ChatProviderError>).providerError;
  if (provider) return provider;
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
