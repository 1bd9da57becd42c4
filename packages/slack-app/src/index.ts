export {
  manifestChanges,
  manifestFacts,
  manifestShareUrl,
  type ManifestFacts,
  SLACK_BOT_EVENTS,
  SLACK_BOT_SCOPES,
  SLACK_PATHS,
  slackAppManifest,
  type SlackAppManifest,
} from './manifest';
