import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { waitUntil } from '../lib/stats';

const run = promisify(execFile);

/** The newest installed PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((d) => /^\d+$/.test(d)) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(base, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    `no PostgreSQL server under ${base}/*/bin: apt-get install -y postgresql (or run scripts/infra.sh up test once)`,
  );
}

const isRoot = () => process.getuid?.() === 0;

/** The server refuses to run as root: as root, its tools run as `postgres` (scripts/infra/postgres.sh does the same). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [command, args];
  const runuser = existsSync('/usr/sbin/runuser') ? '/usr/sbin/runuser' : 'runuser';
  return [runuser, ['-u', 'postgres', '--', command, ...args]];
}

function postgresUid(): [number, number] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no postgres user');
  return [Number(uid), Number(gid)];
}

/**
 * The soak's own PostgreSQL cluster (initdb into `dir`, loopback only, on `port`): the soak stops
 * and starts it, so it must never be the shared test or dev server. Unlike the test profile it
 * keeps fsync and synchronous_commit on, as production does. Trust authentication: it listens on
 * 127.0.0.1 only and lives for one run.
 */
export class SoakPostgres {
  private readonly bin = postgresBin();
  readonly data: string;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.data = join(dir, 'data');
  }

  get url(): string {
    return `postgresql://chatops:chatops@127.0.0.1:${this.port}/chatops`;
  }

  /** The postmaster's pid (from its pid file), when running. */
  get pid(): number | undefined {
    try {
      return Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const [command, argv] = asPostgres(join(this.bin, name), args);
    await run(command, argv, { cwd: '/', timeout: 120_000 });
  }

  async init(): Promise<void> {
    mkdirSync(this.data, { recursive: true, mode: 0o700 });
    if (isRoot()) {
      const [uid, gid] = postgresUid();
      chownSync(this.dir, uid, gid);
      chownSync(this.data, uid, gid);
    }
    await this.tool('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    const conf = [
      "listen_addresses = '127.0.0.1'",
      `port = ${this.port}`,
      "unix_socket_directories = ''",
      'logging_collector = off',
    ];
    writeFileSync(join(this.data, 'soak.conf'), `${conf.join('\n')}\n`);
    const main = join(this.data, 'postgresql.conf');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\ninclude_if_exists = 'soak.conf'\n`);
    if (isRoot()) {
      const [uid, gid] = postgresUid();
      chownSync(join(this.data, 'soak.conf'), uid, gid);
    }
  }

  async start(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '120', 'start']);
  }

  /** `pg_ctl stop -m fast`: open sessions are cut, committed work is kept. */
  async stop(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** The role and database the services use (the superuser connects over TCP: trust). */
  async provision(): Promise<void> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      await client.query(`CREATE ROLE chatops LOGIN CREATEDB PASSWORD 'chatops'`);
      await client.query('CREATE DATABASE chatops OWNER chatops');
    } finally {
      await client.end();
    }
  }

  async version(): Promise<string> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
    } finally {
      await client.end();
    }
  }

  /** Waits for it to accept connections again (after a start that pg_ctl reported). */
  async ready(timeoutMs = 60_000): Promise<boolean> {
    return waitUntil(
      async () => {
        const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } catch {
          return false;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      timeoutMs,
      200,
    );
  }
}

/** Pids of a process's children (PostgreSQL's backends are the postmaster's). */
export function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) === parent) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
