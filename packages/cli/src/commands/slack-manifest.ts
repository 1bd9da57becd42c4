import { manifestShareUrl, slackAppManifest } from '@chatops/slack-app';
import { defineCommand } from '../command';

export const slackManifest = defineCommand({
  name: 'slack:manifest',
  summary:
    "Print the Slack app's manifest for PUBLIC_URL (paste it at api.slack.com/apps), or the link creating the app",
  options: {
    'share-url': { description: "print Slack's link that creates the app from the manifest instead", type: 'flag' },
  },
  async run(options, { publicUrl, print }) {
    const manifest = slackAppManifest(publicUrl);
    if (options['share-url']) {
      const url = manifestShareUrl(manifest);
      print(url);
      return { url };
    }
    print(JSON.stringify(manifest, null, 2));
    return manifest;
  },
});
