import { runOwn, worksForDatabase } from './processes';

describe('worksForDatabase', () => {
  const ours = 'chatops_bench_cpu_1a2b3c4d';

  it("counts the backends and autovacuum workers of the run's database", () => {
    expect(worksForDatabase(`postgres: postgres ${ours} 127.0.0.1(51234) idle `, ours)).toBe(true);
    expect(worksForDatabase(`postgres: postgres ${ours} [local] SELECT`, ours)).toBe(true);
    expect(worksForDatabase(`postgres: autovacuum worker ${ours}`, ours)).toBe(true);
  });

  it('counts the processes that work for every database', () => {
    for (const title of [
      'postgres: walwriter ',
      'postgres: checkpointer ',
      'postgres: background writer ',
      '/usr/lib/postgresql/15/bin/postgres -D /x',
    ])
      expect(worksForDatabase(title, ours)).toBe(true);
  });

  it("leaves out other databases' backends (other tests, the bench's admin connections)", () => {
    expect(worksForDatabase('postgres: postgres chatops 127.0.0.1(40000) idle', ours)).toBe(false);
    expect(worksForDatabase('postgres: postgres chatops_test_9f 127.0.0.1(40001) INSERT', ours)).toBe(false);
    expect(worksForDatabase('postgres: autovacuum worker chatops', ours)).toBe(false);
  });
});

describe('runOwn', () => {
  it("is the machine less other processes, whatever the unit of the reading's groups", () => {
    expect(runOwn({ gateway: 30, redis: 20, 'other processes': 15, 'machine total': 65 })).toBe(50);
    expect(runOwn({ 'machine total': 1.5 })).toBe(1.5);
  });
});
