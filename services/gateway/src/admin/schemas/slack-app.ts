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
