export { loadConfig, ConfigError, type EnvSource } from './load';
export {
  commonEnvShape,
  gitlabOAuthEnvShape,
  GITLAB_OAUTH_VARIABLES,
  allOrNone,
  databaseUrl,
  encryptionKey,
  flag,
  httpUrl,
  logLevel,
  port,
  publicUrl,
  positiveInt,
  redisUrl,
  secret,
} from './fields';
export { publicUrlRule } from './rules';
