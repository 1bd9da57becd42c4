const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * PUBLIC_URL is handed to GitLab, Slack and browsers: it must be https, except on a loopback
 * host where a developer runs the suite locally.
 */
export function publicUrlRule(publicUrl: string): string | undefined {
  const url = new URL(publicUrl);
  if (url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return 'must use https unless the host is localhost or 127.0.0.1';
}
