import { createLogger } from '@chatops/observability';
import { Registry } from 'prom-client';
import { createHttpServer } from './http-server';
import { lazyRequestLogger } from './lazy-request-logger';

function capturedLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'test',
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

describe('lazyRequestLogger', () => {
  it('makes the child logger only when a line is written at an enabled level', () => {
    const { logger, lines } = capturedLogger('info');
    const child = jest.spyOn(logger, 'child');
    const log = lazyRequestLogger(logger, { reqId: 'r1' }, {});

    log.debug({ step: 1 }, 'below the level');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);

    log.info({ step: 2 }, 'written');
    log.warn('again');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r1', step: 2, msg: 'written', level: 30 }),
      expect.objectContaining({ reqId: 'r1', msg: 'again', level: 40 }),
    ]);
  });

  it('keeps the redaction, the level and children of the real child', () => {
    const { logger, lines } = capturedLogger('info');
    const log = lazyRequestLogger(logger, { reqId: 'r2' }, {});
    expect(log.level).toBe('info');

    log.child({ teamId: 'T1' }).info({ auth: { token: 'xoxb-secret' } }, 'child line');
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r2', teamId: 'T1', auth: { token: '[redacted]' }, msg: 'child line' }),
    ]);

    log.level = 'debug';
    log.debug('now written');
    expect(lines).toHaveLength(2);
    expect(logger.level).toBe('info');
  });

  it('makes a route with a level of its own its child at once, as fastify would', () => {
    const { logger } = capturedLogger('info');
    const log = lazyRequestLogger(logger, { reqId: 'r3' }, { level: 'error' });
    expect(log.level).toBe('error');
    expect(Object.getPrototypeOf(log)).toBe(logger);
  });
});

describe('request loggers of createHttpServer', () => {
  it('write lines bound to the request id, and none below the level', async () => {
    const { logger, lines } = capturedLogger('info');
    const app = await createHttpServer({ logger, registry: new Registry(), checks: [] });
    app.get('/quiet', async (request) => {
      request.log.debug('not written');
      return { ok: true };
    });
    app.get('/loud', async (request) => {
      request.log.info({ route: 'loud' }, 'handled');
      return { ok: true };
    });
    try {
      await app.inject({ url: '/quiet', headers: { 'x-request-id': 'quiet-1' } });
      expect(lines).toEqual([]);
      const reply = await app.inject({ url: '/loud', headers: { 'x-request-id': 'loud-1' } });
      expect(reply.headers['x-request-id']).toBe('loud-1');
      expect(lines).toEqual([expect.objectContaining({ reqId: 'loud-1', route: 'loud', msg: 'handled' })]);
    } finally {
      await app.close();
    }
  });
});
