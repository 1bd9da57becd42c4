import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '@chatops/testing';
import { Client } from 'pg';
import { testInfra } from './infra';
import { waitFor } from './wait';

const INSTALL_HINT =
  'install it with `sudo apt-get install -y --no-install-recommends pgbouncer` (`make test` does, as root: scripts/infra.sh up test)';

export interface PgBouncerOptions {
  /** Server connections per database and user: few, so that clients really take turns on them. */
  defaultPoolSize: number;
  /**
   * On PgBouncer 1.21 and later, whether it keeps track of named prepared statements
   * (`max_prepared_statements` 200, or 0 when false; default true). Older ones never do.
   */
  tracksPreparedStatements?: boolean;
}

/** PgBouncer's binary: on PATH, or where Debian puts it (/usr/sbin, often not on a user's PATH). */
export function pgbouncerBinary(): string {
  const candidates = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = candidates
    .filter(Boolean)
    .map((dir) => join(dir, 'pgbouncer'))
    .find((path) => existsSync(path));
  if (!found) throw new Error(`pgbouncer is not installed, and this test needs it: ${INSTALL_HINT}`);
  return found;
}

/**
 * A private PgBouncer in transaction pooling mode, in front of the test PostgreSQL: every database
 * name is passed through, logins are checked against an auth_file holding the test role's
 * password (and made to the server with it). Configuration in a temporary directory, the process
 * in the foreground, owned by the test: start it in beforeAll, stop it in afterAll.
 */
export class PrivatePgBouncer {
  private child: ChildProcess | undefined;
  private dir: string | undefined;
  private output = '';
  private port = 0;
  private readonly server = new URL(testInfra().databaseUrl);

  constructor(private readonly options: PgBouncerOptions) {}

  /** `database` on the test server, through this PgBouncer. */
  urlFor(database: string): string {
    const url = new URL(this.server);
    url.host = `127.0.0.1:${this.port}`;
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** PgBouncer's own version, e.g. [1, 18]. */
  static version(): [number, number] {
    const text = execFileSync(pgbouncerBinary(), ['--version'], { encoding: 'utf8' });
    const match = /PgBouncer (\d+)\.(\d+)/.exec(text);
    if (!match) throw new Error(`cannot read PgBouncer's version from: ${text}`);
    return [Number(match[1]), Number(match[2])];
  }

  async start(): Promise<void> {
    const binary = pgbouncerBinary();
    const [major, minor] = PrivatePgBouncer.version();
    const tracking = major > 1 || minor >= 21;
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'chatops-pgbouncer-'));
    const user = decodeURIComponent(this.server.username);
    const password = decodeURIComponent(this.server.password);
    const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(join(this.dir, 'userlist.txt'), `${quoted(user)} ${quoted(password)}\n`);
    writeFileSync(
      join(this.dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${this.server.hostname} port=${this.server.port || 5432}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${this.port}`,
        'unix_socket_dir =',
        'auth_type = scram-sha-256',
        `auth_file = ${join(this.dir, 'userlist.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${this.options.defaultPoolSize}`,
        'max_client_conn = 200',
        // The admin console (database `pgbouncer`), for SHOW CLIENTS / SHOW SERVERS.
        `admin_users = ${user}`,
        // 1.21+ can track named statements (1.18 knows no such setting, and refuses to start with it).
        ...(tracking ? [`max_prepared_statements = ${this.options.tracksPreparedStatements === false ? 0 : 200}`] : []),
        '',
      ].join('\n'),
    );
    // PgBouncer refuses to run as root; as root it is told to switch to `nobody`, who must read its files.
    const asRoot = process.getuid?.() === 0;
    if (asRoot)
      for (const name of ['', 'userlist.txt', 'pgbouncer.ini']) chmodSync(join(this.dir, name), name ? 0o644 : 0o755);
    const child = spawn(binary, [...(asRoot ? ['-u', 'nobody'] : []), join(this.dir, 'pgbouncer.ini')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}:\n${this.output}`);
        const client = new Client({ connectionString: this.urlFor(this.server.pathname.slice(1)) });
        try {
          await client.connect();
          return (await client.query('SELECT 1 AS ok')).rows[0]?.ok === 1;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs: 15_000, what: `pgbouncer on 127.0.0.1:${this.port}` },
    );
  }

  /** A SHOW command of PgBouncer's admin console (`SHOW SERVERS`, `SHOW CLIENTS`…), its rows. */
  async show(what: 'CLIENTS' | 'SERVERS' | 'POOLS'): Promise<Array<Record<string, unknown>>> {
    const client = new Client({ connectionString: this.urlFor('pgbouncer') });
    await client.connect();
    try {
      // The console speaks only the simple query protocol: no parameters.
      return (await client.query(`SHOW ${what}`)).rows as Array<Record<string, unknown>>;
    } finally {
      await client.end();
    }
  }

  /** What PgBouncer logged, for failure messages. */
  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      // SIGINT: PgBouncer's safe shutdown, but it waits for clients; SIGTERM closes everything now.
      child.kill('SIGTERM');
      await exited;
    }
    this.child = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
