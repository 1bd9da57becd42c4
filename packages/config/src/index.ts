export { loadConfig, ConfigError, type EnvSource } from './load';
export { describeSettings, settingNames } from './describe';
export {
  commonEnvShape,
  gitlabOAuthEnvShape,
  gitlabOAuthComplete,
  linkedUsersEnvShape,
  databaseUrl,
  encryptionKey,
  encryptionKeyList,
  flag,
  httpUrl,
  logLevel,
  originList,
  outboundAllowedHosts,
  outboundEnvShape,
  port,
  publicUrl,
  positiveInt,
  queuePrefix,
  redisClusterRule,
  redisHashTag,
  redisUrl,
  secret,
  slackApiUrl,
  slackAppEnvShape,
} from './fields';
export { publicUrlRule } from './rules';
