import { environmentSlug, guessTier } from './environments.js';
import { gitlabTrace } from './job-trace.js';

describe('gitlabTrace', () => {
  it('writes sections with the markers, header and colours gitlab-runner uses', () => {
    const trace = gitlabTrace(
      [
        {
          name: 'prepare_executor',
          header: 'Preparing the "docker" executor',
          lines: ['Using docker image alpine'],
          seconds: 2,
        },
        { name: 'step_script', lines: ['$ echo hi', 'hi'] },
      ],
      { startedAt: 1_718_000_000 },
    );
    expect(trace).toBe(
      'section_start:1718000000:prepare_executor\r\x1b[0K\x1b[0K\x1b[36;1mPreparing the "docker" executor\x1b[0;m\x1b[0;m\n' +
        'Using docker image alpine\n' +
        'section_end:1718000002:prepare_executor\r\x1b[0K' +
        'section_start:1718000002:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\x1b[0;m\n' +
        '\x1b[32;1m$ echo hi\x1b[0;m\n' +
        'hi\n' +
        'section_end:1718000003:step_script\r\x1b[0K',
    );
  });

  it('leaves custom sections without a header unless given one', () => {
    expect(gitlabTrace([{ name: 'my_section', lines: ['x'] }], { startedAt: 5 })).toBe(
      'section_start:5:my_section\r\x1b[0Kx\nsection_end:6:my_section\r\x1b[0K',
    );
  });
});

describe('environment slugs and tiers', () => {
  it('follows Gitlab::Slug::Environment and Environment#guess_tier', () => {
    // GitLab's own spec table, with the SHA-256 stubbed to 'a' * 64 (suffix q517sa).
    const cases: Record<string, string> = {
      'staging-12345678901234567': 'staging-123456789-q517sa',
      '9-staging-123456789012345': 'env-9-staging-123-q517sa',
      'staging-1234567890123456': 'staging-1234567890123456',
      'staging-1234567890123456-': 'staging-123456789-q517sa',
      production: 'production',
      PRODUCTION: 'production-q517sa',
      'review/1-foo': 'review-1-foo-q517sa',
      '1/foo': 'env-1-foo-q517sa',
      'foo-': 'foo',
      'foo**bar': 'foo-bar-q517sa',
      '*-foo': 'env-foo-q517sa',
      'staging-12345678-': 'staging-12345678',
      'staging-12345678-01234567': 'staging-12345678-q517sa',
      '': 'env-q517sa',
    };
    for (const [name, slug] of Object.entries(cases))
      expect([name, environmentSlug(name, () => 'a'.repeat(64))]).toEqual([name, slug]);
    expect(environmentSlug('review/fix-foo')).toMatch(/^review-fix-foo-[a-z0-9]{6}$/);
    expect(['production', 'staging', 'qa', 'review/x', 'sandbox'].map(guessTier)).toEqual([
      'production',
      'staging',
      'testing',
      'development',
      'other',
    ]);
  });
});
