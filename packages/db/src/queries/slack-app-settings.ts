import { type Db } from '../client';
import { type SlackAppSettings } from '../generated/prisma/client';
import { type SlackInstallPolicy } from '../generated/prisma/enums';
import { type SecretBox } from '../secret-box';
import { type AuditContext } from './admin-integrations';

/** The one row's id. */
export const SLACK_APP_SETTINGS_ID = 'slack';

/** The stored settings, or null while nobody saved any. */
export function findSlackAppSettings(db: Db): Promise<SlackAppSettings | null> {
  return db.slackAppSettings.findUnique({ where: { id: SLACK_APP_SETTINGS_ID } });
}

/**
 * A change to the Slack app's settings: fields left out keep their value, `null` clears one.
 * Secrets arrive in clear text and are sealed here.
 */
export interface SlackAppSettingsChange {
  enabled?: boolean;
  clientId?: string | null;
  clientSecret?: string | null;
  signingSecret?: string | null;
  verificationToken?: string | null;
  installPolicy?: SlackInstallPolicy;
  preApprovedTeamIds?: string[];
  approvalLink?: string | null;
}

const SECRETS = {
  clientSecret: 'clientSecretSealed',
  signingSecret: 'signingSecretSealed',
  verificationToken: 'verificationTokenSealed',
} as const;

/**
 * Saves a change (creating the row on first use) and records it in the audit log in the same
 * transaction: which fields changed and the new values of those that are not secrets.
 */
export async function saveAuditedSlackAppSettings(
  db: Db,
  box: SecretBox,
  change: SlackAppSettingsChange,
  audit: AuditContext,
): Promise<SlackAppSettings> {
  const data: Record<string, unknown> = {};
  const shown: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change) as Array<[keyof SlackAppSettingsChange, unknown]>) {
    if (value === undefined) continue;
    if (field in SECRETS) {
      data[SECRETS[field as keyof typeof SECRETS]] = value === null ? null : box.seal(String(value));
      shown[field] = value === null ? 'cleared' : 'set';
    } else {
      data[field] = value;
      shown[field] = value;
    }
  }
  return db.$transaction(async (tx) => {
    const saved = await tx.slackAppSettings.upsert({
      where: { id: SLACK_APP_SETTINGS_ID },
      create: { id: SLACK_APP_SETTINGS_ID, ...data },
      update: data,
    });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'slack_app.update',
        target: SLACK_APP_SETTINGS_ID,
        details: { changed: Object.keys(shown), ...shown, ...audit.details },
      },
    });
    return saved;
  });
}
