import { benchDatabaseName, isLeftover } from './database';

describe('bench database names', () => {
  it("carry the bench process's pid", () => {
    expect(benchDatabaseName('cpu-bare', 4242, '1a2b3c4d')).toBe('chatops_bench_cpu_bare_p4242_1a2b3c4d');
  });

  it('are leftovers only once the process that made them is gone', () => {
    const name = benchDatabaseName('e2e', 4242, '1a2b3c4d');
    expect(isLeftover(name, () => true)).toBe(false);
    expect(isLeftover(name, (pid) => pid !== 4242)).toBe(true);
  });

  it("leave alone a name without a pid (an older harness's, perhaps running now)", () => {
    expect(isLeftover('chatops_bench_e2e_e60af059', () => false)).toBe(false);
  });
});
