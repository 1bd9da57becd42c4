import { FakeGitLab, type FakeServerOptions } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { escapeHtml } from '../viewer/escape';

/**
 * The fake GitLab plus a stand-in for GitLab's web pages under the demo project, so the links in
 * chat messages lead somewhere that explains itself instead of a JSON 404.
 */
export class DemoGitLab extends FakeGitLab {
  constructor(
    options: FakeServerOptions,
    private readonly namespace: string,
    private readonly viewerUrl: string,
  ) {
    super(options);
  }

  protected override registerRoutes(app: FastifyInstance): void {
    super.registerRoutes(app);
    app.get(`/${this.namespace}/*`, async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo GitLab</title></head>' +
            '<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">' +
            "<h1>The demo's fake GitLab</h1>" +
            `<p>A real GitLab would show <code>${escapeHtml(path)}</code> here. The demo's GitLab ` +
            'only serves the REST API and OAuth that chatops uses.</p>' +
            `<p><a href="${escapeHtml(this.viewerUrl)}/">Back to the chat viewer</a></p></body></html>`,
        );
    });
  }
}
