import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { GitLabClient } from './gitlab-client';

const MB = 1024 * 1024;

describe('GitLabClient', () => {
  // Services build a client per credential for every command and incident job: at 20 declares/s,
  // gitbeaker's default client-side rate limiters (1.6 MB per client) cost more CPU, in garbage
  // collection, than everything else the incident service does for a declare.
  it('builds a client per credential cheaply: 20 kept alive hold well under 1 MB each', () => {
    const client = new GitLabClient({ url: 'http://127.0.0.1:1' });
    client.asUser('warm-up');
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? client.asUser(`oauth-${i}`) : client.withToken(`glpat-${i}`),
    );
    const heldMb = (process.memoryUsage().heapUsed - before) / MB;
    expect(kept).toHaveLength(20);
    // About 5 MB measured; gitbeaker's defaults hold about 31 MB.
    expect(heldMb).toBeLessThan(15);
  });

  describe('against a GitLab that limits', () => {
    let server: Server;
    let url = '';
    let answers: number[] = [];
    let seen = 0;

    beforeAll(async () => {
      server = createServer((request, response) => {
        const status = answers[seen++] ?? 200;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(status === 200 ? JSON.stringify({ id: 7, username: 'rita', name: 'Rita' }) : '{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("still waits out GitLab's own 429 and tries again", async () => {
      answers = [429, 429];
      seen = 0;
      const user = await new GitLabClient({ url }).withToken('glpat-x').currentUser();
      expect(user).toMatchObject({ id: 7, username: 'rita' });
      expect(seen).toBe(3);
    });
  });
});
