import { createLogger } from '@chatops/observability';
import { ConfigWatch } from './config-watch';

describe('ConfigWatch', () => {
  let version: string | Error;
  let announced: number;
  const watch = () =>
    new ConfigWatch({
      readVersion: async () => {
        if (version instanceof Error) throw version;
        return version;
      },
      intervalMs: 1000,
      logger: createLogger({ service: 'test', level: 'silent' }),
    }).onChange(() => {
      announced += 1;
    });

  beforeEach(() => {
    version = '1';
    announced = 0;
  });

  it('announces nothing on the first look, nor while the version stays', async () => {
    const w = watch();
    await w.check();
    await w.check();
    await w.check();
    expect(announced).toBe(0);
  });

  it('announces a change twice: at once, and at the next look (a transaction may commit in between)', async () => {
    const w = watch();
    await w.check();
    version = '2';
    await w.check();
    expect(announced).toBe(1);
    await w.check();
    expect(announced).toBe(2);
    await w.check();
    expect(announced).toBe(2);
  });

  it('announces nothing while the version cannot be read, and a change once it can', async () => {
    const w = watch();
    await w.check();
    version = new Error('database unavailable');
    await w.check();
    expect(announced).toBe(0);
    version = '5';
    await w.check();
    expect(announced).toBe(1);
  });

  it('looks on its own once started, until stopped', async () => {
    jest.useFakeTimers();
    try {
      const w = watch().start();
      await jest.advanceTimersByTimeAsync(1000);
      version = '2';
      await jest.advanceTimersByTimeAsync(1000);
      expect(announced).toBe(1);
      w.stop();
      version = '3';
      await jest.advanceTimersByTimeAsync(5000);
      expect(announced).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
