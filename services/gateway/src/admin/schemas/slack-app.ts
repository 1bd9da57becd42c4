import { z } from 'zod';

/** Slack's app manifest (https://api.slack.com/reference/manifests), as chatops generates it. */
export const slackManifestView = z
  .looseObject({
    display_information: z.looseObject({ name: z.string() }),
    features: z.looseObject({}),
    oauth_config: z.looseObject({ redirect_urls: z.array(z.string()), scopes: z.object({ bot: z.array(z.string()) }) }),
    settings: z.looseObject({}),
  })
  .meta({ id: 'SlackManifest' });

export const manifestQuery = z
  .object({
    download: z
      .enum(['1', 'true', '0', 'false'])
      .optional()
      .meta({ description: '1: answer as the file `slack_manifest.json` (Content-Disposition: attachment)' }),
  })
  .strict();

export const shareUrlView = z.object({
  url: z.string().meta({
    description:
      "Slack's page creating an app from this manifest: https://api.slack.com/apps?new_app=1&manifest_json=…",
  }),
});

const source = z
  .enum(['env', 'database'])
  .nullable()
  .meta({ description: 'where the value in effect comes from: env (a SLACK_* variable, which wins) or database' });
const secretView = z.object({
  set: z.boolean(),
  source,
  stored: z.boolean().meta({ description: 'whether the database holds one (shadowed while the environment sets it)' }),
});

/** The Slack app's settings in effect; secrets are write-only. */
export const slackAppView = z
  .object({
    enabled: z
      .boolean()
      .meta({ description: "off: Slack's requests are refused (403 slack_app_disabled), nobody can install" }),
    clientId: z.object({ value: z.string().nullable(), source, stored: z.boolean() }),
    clientSecret: secretView,
    signingSecret: secretView,
    verificationToken: secretView,
    installPolicy: z.enum(['open', 'approval']).meta({
      description:
        'open: any workspace is served once installed; approval: others than preApprovedTeamIds wait for an administrator',
    }),
    preApprovedTeamIds: z.array(z.string()),
    approvalLink: z.string().nullable(),
    installUrl: z.string().meta({ description: 'where a workspace administrator starts an install ("Add to Slack")' }),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SlackApp' });

const writableSecret = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(256)
    .nullable()
    .optional()
    .meta({ description: `${what} (write-only; null clears it)` });

/** A change to the settings: fields left out keep their value, null clears one. */
export const slackAppChange = z
  .object({
    enabled: z.boolean().optional(),
    clientId: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z.]{1,64}$/, {
        error: 'not a Slack client id (Basic Information › App Credentials, e.g. 123.456)',
      })
      .nullable()
      .optional(),
    clientSecret: writableSecret('the OAuth client secret'),
    signingSecret: writableSecret('the signing secret'),
    verificationToken: writableSecret('the legacy verification token'),
    installPolicy: z.enum(['open', 'approval']).optional(),
    preApprovedTeamIds: z
      .array(z.string().regex(/^T[A-Z0-9]{2,30}$/, { error: 'not a Slack team id (T…)' }))
      .max(1000)
      .optional(),
    approvalLink: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
  })
  .strict();

export const installRequestView = z
  .object({
    id: z.string(),
    teamId: z.string(),
    enterpriseId: z.string(),
    teamName: z.string(),
    requestedBy: z
      .string()
      .meta({ description: "the installer's Slack user id (told of the decision by a direct message)" }),
    message: z.string().meta({ description: 'why they need it, as written on the install page' }),
    status: z.enum(['pending', 'approved', 'denied']),
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
    installation: z
      .object({
        id: z.string(),
        scopes: z.array(z.string()),
        installedAt: z.iso.datetime(),
        revokedAt: z.iso.datetime().nullable(),
      })
      .nullable()
      .meta({ description: 'the pending installation; null once denied (deleted)' }),
  })
  .meta({ id: 'SlackInstallRequest' });

export const installRequestQuery = z
  .object({ status: z.enum(['pending', 'approved', 'denied', 'all']).default('pending') })
  .strict();

export const installDecisionBody = z
  .object({
    note: z.string().trim().max(1000).optional().meta({ description: 'sent to the installer with the decision' }),
  })
  .strict();

export const installDecisionView = installRequestView.extend({
  notified: z.boolean().meta({ description: 'whether the installer got the direct message' }),
  notifyError: z.string().nullable().meta({ description: "Slack's error when they did not" }),
  tokenRevoked: z.boolean().nullable().meta({ description: 'denied: whether Slack revoked the bot token' }),
});
