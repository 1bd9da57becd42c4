import { type Agent, request } from 'node:http';
import { type Webhook } from './payload';

/** Why a webhook got no HTTP answer. */
export type HookFailure = 'timeout' | 'network error';

/**
 * POSTs one webhook to `url` on `agent`, as GitLab does. `answer` is called exactly once: with the
 * HTTP status once the answer is read, or with 0 and why there was none (no answer within
 * `timeoutMs`, or a refused or broken connection).
 */
export function postHook(
  agent: Agent,
  url: URL,
  hook: Webhook,
  timeoutMs: number,
  answer: (status: number, failure?: HookFailure) => void,
): void {
  let answered = false;
  const once = (status: number, failure?: HookFailure) => {
    if (answered) return;
    answered = true;
    answer(status, failure);
  };
  const req = request(
    {
      agent,
      hostname: url.hostname,
      port: url.port,
      method: 'POST',
      path: hook.path,
      headers: { ...hook.headers, 'content-length': String(hook.body.length) },
    },
    (res) => {
      res.resume();
      res.on('end', () => once(res.statusCode ?? 0));
      res.on('error', () => once(0, 'network error'));
    },
  );
  req.on('error', (error) => once(0, error.message === 'timeout' ? 'timeout' : 'network error'));
  req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
  req.end(hook.body);
}
