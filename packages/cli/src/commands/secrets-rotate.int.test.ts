import { createCipheriv, randomBytes } from 'node:crypto';
import {
  createEndpoint,
  createIntegration,
  saveChatIdentity,
  saveSlackInstallation,
  SecretBox,
  upsertProject,
} from '@chatops/db';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { CommandFailed } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { secretsRotate, type SecretsRotateResult } from './secrets-rotate';

const OLD_KEY = Buffer.alloc(32, 0x11);
const NEW_KEY = Buffer.alloc(32, 0x22);
const LOST_KEY = Buffer.alloc(32, 0x33);

/** A value as SecretBox sealed it before key ids ("v1"): what databases hold today. */
function sealV1(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), ciphertext].map((p) => p.toString('base64url'))].join('.');
}

describe('secrets:rotate', () => {
  let database: TestDatabase;
  let lines: string[];

  beforeEach(async () => {
    database = await createTestDatabase();
    lines = [];
  });
  afterEach(async () => {
    await database.drop();
  });

  function contextWith(box: SecretBox): CliContext {
    const unused = () => Promise.reject(new Error('secrets:rotate does not enqueue'));
    return {
      ...cliTestContext({
        db: database.db,
        queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
        print: (line) => void lines.push(line),
      }),
      box,
    };
  }

  /** A row in each sealed table, sealed the ways a database may hold them before a rotation. */
  async function seedUnderOldKey(): Promise<void> {
    const db = database.db;
    const old = new SecretBox(OLD_KEY);
    await saveSlackInstallation(db, old, {
      teamId: 'T1',
      teamName: 'Acme',
      botUserId: 'U1',
      botToken: 'xoxb-1',
      scopes: [],
    });
    await db.mattermostConnection.create({
      data: { name: 'mm', url: 'https://mm.example', botTokenSealed: sealV1(OLD_KEY, 'mm-bot') },
    });
    await db.mattermostConnection.create({ data: { name: 'mm-no-bot', url: 'https://mm2.example' } });
    const project = await upsertProject(db, {
      gitlabProjectId: 1,
      pathWithNamespace: 'g/p',
      name: 'p',
      webUrl: 'https://gl.example/g/p',
    });
    await db.project.update({ where: { id: project.id }, data: { apiTokenSealed: sealV1(OLD_KEY, 'glpat-1') } });
    await createEndpoint(db, { projectId: project.id, signingBox: old });
    for (const n of [1, 2, 3])
      await createIntegration(db, {
        projectId: project.id,
        name: `hook-${n}`,
        destination: 'slack_webhook',
        webhookUrlSealed: old.seal(`https://hooks.slack.example/${n}`),
        routes: [{ event: 'push' }],
      });
    // Columns added after secrets:rotate was written are found too: it reads them from the schema.
    await db.slackAppSettings.create({
      data: { clientSecretSealed: old.seal('slack-client-secret'), signingSecretSealed: old.seal('slack-signing') },
    });
    await saveChatIdentity(db, old, {
      provider: 'slack',
      teamId: 'T1',
      chatUserId: 'U2',
      gitlabUserId: 7,
      gitlabUsername: 'ann',
      accessToken: 'gl-access',
      refreshToken: 'gl-refresh',
      tokenExpiresAt: null,
    });
  }

  /** Every sealed value as plain text, opened with `box`. */
  async function plaintexts(box: SecretBox): Promise<string[]> {
    const db = database.db;
    const values = [
      ...(await db.slackInstallation.findMany()).map((r) => r.botTokenSealed),
      ...(await db.mattermostConnection.findMany()).map((r) => r.botTokenSealed),
      ...(await db.project.findMany()).map((r) => r.apiTokenSealed),
      ...(await db.webhookEndpoint.findMany()).map((r) => r.signingSecretSealed),
      ...(await db.integration.findMany({ orderBy: { name: 'asc' } })).map((r) => r.webhookUrlSealed),
      ...(await db.chatIdentity.findMany()).flatMap((r) => [r.accessTokenSealed, r.refreshTokenSealed]),
      ...(await db.slackAppSettings.findMany()).flatMap((r) => [r.clientSecretSealed, r.signingSecretSealed]),
    ];
    return values.filter((v): v is string => v !== null).map((v) => box.open(v));
  }

  it('re-seals every sealed column under the current key, in batches, and reports counts per column', async () => {
    expect(COMMANDS).toContain(secretsRotate);
    await seedUnderOldKey();
    const before = await plaintexts(new SecretBox(OLD_KEY));
    const box = new SecretBox(NEW_KEY, [OLD_KEY]);
    await database.db.project.create({
      data: {
        gitlabProjectId: 2,
        pathWithNamespace: 'g/q',
        name: 'q',
        webUrl: 'https://gl.example/g/q',
        apiTokenSealed: box.seal('glpat-2'),
      },
    });

    const result = (await secretsRotate.run({ 'batch-size': '2' }, contextWith(box), [])) as SecretsRotateResult;

    expect(result).toMatchObject({ keyId: box.keyId, dryRun: false, resealed: 11, current: 1, unreadable: 0 });
    const counts = Object.fromEntries(result.columns.map((c) => [`${c.model}.${c.column}`, [c.resealed, c.current]]));
    expect(counts).toEqual({
      'SlackInstallation.botTokenSealed': [1, 0],
      'MattermostConnection.botTokenSealed': [1, 0],
      'Project.apiTokenSealed': [1, 1],
      'WebhookEndpoint.signingSecretSealed': [1, 0],
      'Integration.webhookUrlSealed': [3, 0],
      'ChatIdentity.accessTokenSealed': [1, 0],
      'ChatIdentity.refreshTokenSealed': [1, 0],
      'SlackAppSettings.clientSecretSealed': [1, 0],
      'SlackAppSettings.signingSecretSealed': [1, 0],
      'SlackAppSettings.verificationTokenSealed': [0, 0],
    });
    // The old key is no longer needed: everything opens with the new one alone, unchanged.
    expect((await plaintexts(new SecretBox(NEW_KEY))).filter((v) => v !== 'glpat-2')).toEqual(before);
    expect(lines[0]).toBe(`current key: ${box.keyId}`);
    expect(lines).toContain(
      'every stored secret is sealed under the current key: once every service runs with it, remove ENCRYPTION_KEYS_PREVIOUS',
    );
    const audit = await database.db.auditEntry.findMany({ where: { action: 'secrets.rotate' } });
    expect(audit).toMatchObject([
      { actor: 'cli', target: box.keyId, details: { resealed: 11, current: 1, unreadable: 0 } },
    ]);
  });

  it('is idempotent: a second run finds everything current and writes nothing', async () => {
    await seedUnderOldKey();
    const box = new SecretBox(NEW_KEY, [OLD_KEY]);
    await secretsRotate.run({}, contextWith(box), []);
    const sealed = await database.db.integration.findMany({ orderBy: { id: 'asc' } });

    const again = await secretsRotate.run({}, contextWith(box), []);

    expect(again).toMatchObject({ resealed: 0, current: 11, changedMeanwhile: 0, unreadable: 0 });
    expect(await database.db.integration.findMany({ orderBy: { id: 'asc' } })).toEqual(sealed);
    expect(await database.db.auditEntry.count({ where: { action: 'secrets.rotate' } })).toBe(1);
  });

  it('changes nothing in a dry run', async () => {
    await seedUnderOldKey();
    const before = await database.db.chatIdentity.findMany();
    const result = await secretsRotate.run({ 'dry-run': true }, contextWith(new SecretBox(NEW_KEY, [OLD_KEY])), []);
    expect(result).toMatchObject({ dryRun: true, resealed: 11, current: 0 });
    expect(await database.db.chatIdentity.findMany()).toEqual(before);
    expect(lines[0]).toMatch(/dry run: nothing written/);
  });

  it('reports a value no configured key opens, leaves it as it was, and fails', async () => {
    await seedUnderOldKey();
    const lost = new SecretBox(LOST_KEY).seal('xoxb-lost');
    const legacyLost = sealV1(LOST_KEY, 'mm-lost');
    const installation = await database.db.slackInstallation.create({
      data: { teamId: 'T9', teamName: 'Lost', botUserId: 'U9', botTokenSealed: lost },
    });
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'mm-lost', url: 'https://mm9.example', botTokenSealed: legacyLost },
    });

    const run = secretsRotate.run({}, contextWith(new SecretBox(NEW_KEY, [OLD_KEY])), []);

    const failed = await run.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(CommandFailed);
    expect((failed as CommandFailed).data).toMatchObject({ resealed: 11, unreadable: 2 });
    expect(lines).toEqual(
      expect.arrayContaining([
        `unreadable: SlackInstallation.botTokenSealed id ${installation.id}: sealed with a key that is not configured`,
        `unreadable: MattermostConnection.botTokenSealed id ${connection.id}: sealed with a key that is not configured`,
      ]),
    );
    expect(
      (await database.db.slackInstallation.findUniqueOrThrow({ where: { id: installation.id } })).botTokenSealed,
    ).toBe(lost);
    expect(
      (await database.db.mattermostConnection.findUniqueOrThrow({ where: { id: connection.id } })).botTokenSealed,
    ).toBe(legacyLost);
    // Everything else was re-sealed all the same.
    expect(await plaintexts(new SecretBox(NEW_KEY, [LOST_KEY]))).toHaveLength(13);
  });

  it('refuses a batch size that is not a positive number', () => {
    expect(secretsRotate.check?.({ 'batch-size': '0' })).toEqual(['--batch-size must be a number from 1 to 99999']);
    expect(secretsRotate.check?.({ 'batch-size': '500' })).toEqual([]);
  });
});
