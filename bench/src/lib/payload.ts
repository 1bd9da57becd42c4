import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhook } from '@chatops/gitlab';
import { FIXTURES_DIR } from './config';

const MARK = '__BENCH_KEY__';

/** GitLab's merge_request fixture, split around its title so each event's body costs one concatenation. */
function template(): [string, string] {
  const fixture = JSON.parse(readFileSync(join(FIXTURES_DIR, 'merge_request.json'), 'utf8')) as {
    object_attributes: { title: string };
  };
  fixture.object_attributes.title = MARK;
  const [head = '', tail = ''] = JSON.stringify(fixture).split(JSON.stringify(MARK));
  return [`${head}"`, `"${tail}`];
}

export const newTag = () => randomBytes(3).toString('hex');
export const eventKey = (tag: string, seq: number) => `bench-${tag}-${seq}`;

export interface Webhook {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Builds signed merge_request webhooks for one endpoint, each with its own Idempotency-Key and title. */
export class WebhookFactory {
  private readonly parts = template();

  constructor(private readonly endpoint: { id: string; secret: string; signingSecret: string | undefined }) {}

  get path(): string {
    return `/hooks/gitlab/${this.endpoint.id}`;
  }

  build(key: string): Webhook {
    const body = Buffer.from(this.parts[0] + key + this.parts[1]);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-gitlab-event': 'Merge Request Hook',
      'x-gitlab-token': this.endpoint.secret,
      'idempotency-key': key,
    };
    if (this.endpoint.signingSecret) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers['webhook-id'] = key;
      headers['webhook-timestamp'] = timestamp;
      headers['webhook-signature'] = signWebhook(this.endpoint.signingSecret, { id: key, timestamp, body });
    }
    return { path: this.path, headers, body };
  }
}
