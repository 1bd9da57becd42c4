import { type Db, findSlackAppSettings, type SecretBox, type SlackInstallPolicy } from '@chatops/db';

/** The environment variables that override the stored credentials (each service's env.ts reads them). */
export interface SlackAppEnv {
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_VERIFICATION_TOKEN?: string | undefined;
}

/** Where a credential in effect comes from: the environment wins over the database. */
export type CredentialSource = 'env' | 'database';

export interface Credential {
  value: string | null;
  source: CredentialSource | null;
  /** Whether the database holds one too (shadowed when the environment has one). */
  stored: boolean;
}

export const CREDENTIALS = ['clientId', 'clientSecret', 'signingSecret', 'verificationToken'] as const;
export type CredentialName = (typeof CREDENTIALS)[number];

const ENV_NAMES: Record<CredentialName, keyof SlackAppEnv> = {
  clientId: 'SLACK_CLIENT_ID',
  clientSecret: 'SLACK_CLIENT_SECRET',
  signingSecret: 'SLACK_SIGNING_SECRET',
  verificationToken: 'SLACK_VERIFICATION_TOKEN',
};

/** The environment variable that overrides a credential. */
export const envNameOf = (credential: CredentialName): string => ENV_NAMES[credential];

/** The Slack app's settings in effect: the stored row (if any) under the environment's overrides. */
export interface SlackAppConfig {
  enabled: boolean;
  credentials: Record<CredentialName, Credential>;
  installPolicy: SlackInstallPolicy;
  preApprovedTeamIds: string[];
  approvalLink: string | null;
  /** When an administrator last saved them; null while only the environment configures the app. */
  updatedAt: Date | null;
}

/**
 * Reads the stored settings, unseals them and lays the environment over them. Each service that
 * needs them calls this through a short cache (a few seconds), so a change made in the admin API or
 * the CLI reaches every replica without a restart.
 */
export async function loadSlackAppConfig(db: Db, box: SecretBox, env: SlackAppEnv): Promise<SlackAppConfig> {
  const row = await findSlackAppSettings(db);
  const stored: Record<CredentialName, string | null> = {
    clientId: row?.clientId ?? null,
    clientSecret: row?.clientSecretSealed ? box.open(row.clientSecretSealed) : null,
    signingSecret: row?.signingSecretSealed ? box.open(row.signingSecretSealed) : null,
    verificationToken: row?.verificationTokenSealed ? box.open(row.verificationTokenSealed) : null,
  };
  const credentials = Object.fromEntries(
    CREDENTIALS.map((name) => {
      const fromEnv = env[ENV_NAMES[name]] || null;
      const value = fromEnv ?? stored[name];
      const credential: Credential = {
        value,
        source: fromEnv ? 'env' : value ? 'database' : null,
        stored: stored[name] !== null,
      };
      return [name, credential];
    }),
  ) as Record<CredentialName, Credential>;
  return {
    enabled: row?.enabled ?? true,
    credentials,
    installPolicy: row?.installPolicy ?? 'approval',
    preApprovedTeamIds: row?.preApprovedTeamIds ?? [],
    approvalLink: row?.approvalLink ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** What a component that checks or uses the app's settings reads them from (a cache, in services). */
export interface SlackAppConfigSource {
  current(): Promise<SlackAppConfig>;
  /** Drops what is cached, after this process changed the settings. */
  forget(): void;
}

/**
 * The settings through a cache of `ttlMs`: one database read per interval, however many signed
 * requests arrive. Changes made elsewhere are seen within `ttlMs`, changes made here at once.
 */
export function cachedSlackAppConfig(
  load: () => Promise<SlackAppConfig>,
  options: { ttlMs: number; now?: () => number },
): SlackAppConfigSource {
  const now = options.now ?? Date.now;
  let cached: { config: Promise<SlackAppConfig>; expiresAt: number } | undefined;
  return {
    current() {
      if (!cached || cached.expiresAt <= now()) {
        const config = load();
        const entry = { config, expiresAt: now() + options.ttlMs };
        cached = entry;
        // A failed load is not kept: the next request tries again.
        config.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.config;
    },
    forget() {
      cached = undefined;
    },
  };
}

/** A secret as operators see it: whether it is set and where from, never its value. */
export interface SecretView {
  set: boolean;
  source: CredentialSource | null;
  stored: boolean;
}

/** The settings as the admin API and the CLI show them: secrets write-only. */
export interface SlackAppView {
  enabled: boolean;
  clientId: { value: string | null; source: CredentialSource | null; stored: boolean };
  clientSecret: SecretView;
  signingSecret: SecretView;
  verificationToken: SecretView;
  installPolicy: SlackInstallPolicy;
  preApprovedTeamIds: string[];
  approvalLink: string | null;
  /** Where a workspace administrator starts an install ("Add to Slack"). */
  installUrl: string;
  updatedAt: string | null;
}

export function slackAppView(config: SlackAppConfig, publicUrl: string): SlackAppView {
  const secret = (name: CredentialName): SecretView => {
    const { value, source, stored } = config.credentials[name];
    return { set: value !== null, source, stored };
  };
  const { clientId } = config.credentials;
  return {
    enabled: config.enabled,
    clientId: { value: clientId.value, source: clientId.source, stored: clientId.stored },
    clientSecret: secret('clientSecret'),
    signingSecret: secret('signingSecret'),
    verificationToken: secret('verificationToken'),
    installPolicy: config.installPolicy,
    preApprovedTeamIds: config.preApprovedTeamIds,
    approvalLink: config.approvalLink,
    installUrl: `${publicUrl.replace(/\/+$/, '')}/slack/install`,
    updatedAt: config.updatedAt ? config.updatedAt.toISOString() : null,
  };
}
