import { matchCommand } from './registry';

/**
 * The registry's choice for a command text, as a flat object: the command's name with its
 * arguments, `help`, or `unknown` (help marked invalid) with the text as typed (trimmed).
 */
function parseCommand(text: string): Record<string, unknown> {
  const match = matchCommand(text);
  if ('help' in match) return match.invalid ? { kind: 'unknown', text: text.trim() } : { kind: 'help' };
  return { kind: match.command.name, ...(match.args as object) };
}

describe('matchCommand: GitLab commands', () => {
  describe('issue show', () => {
    it.each([
      ['issue show 12', 12],
      ['issue show #12', 12],
      ['issue   show\t7', 7],
      // GitLab's regex is anchored only at the start.
      ['issue show 12abc', 12],
    ])('%j shows issue %i', (text, iid) => {
      expect(parseCommand(text)).toEqual({ kind: 'issue_show', iid });
    });

    it('is unknown without a number', () => {
      expect(parseCommand('issue show abc')).toEqual({ kind: 'unknown', text: 'issue show abc' });
    });
  });

  describe('issue new / create', () => {
    it('takes the first line as title', () => {
      expect(parseCommand('issue new Login fails')).toEqual({
        kind: 'issue_new',
        title: 'Login fails',
        description: '',
      });
    });

    it('accepts create as a synonym', () => {
      expect(parseCommand('issue create Login fails')).toEqual({
        kind: 'issue_new',
        title: 'Login fails',
        description: '',
      });
    });

    it('takes the lines after Shift+Enter as description, trailing whitespace removed', () => {
      expect(parseCommand('issue new Login fails\n\nSteps:\n  1. open\n\n  2. click  \n\n')).toEqual({
        kind: 'issue_new',
        title: 'Login fails',
        description: 'Steps:\n  1. open\n\n  2. click',
      });
    });

    it('keeps a carriage return in the title, as Ruby does', () => {
      expect(parseCommand('issue new A\r B\nbody')).toEqual({ kind: 'issue_new', title: 'A\r B', description: 'body' });
    });

    it('is unknown without a title', () => {
      expect(parseCommand('issue new')).toEqual({ kind: 'unknown', text: 'issue new' });
    });
  });

  describe('issue search', () => {
    it('takes the rest of the line as query', () => {
      expect(parseCommand('issue search login button')).toEqual({ kind: 'issue_search', query: 'login button' });
    });

    it('ignores further lines, as Ruby . does not match newlines', () => {
      expect(parseCommand('issue search login\nmore')).toEqual({ kind: 'issue_search', query: 'login' });
    });
  });

  describe('issue move', () => {
    it('reads the issue and the target project', () => {
      expect(parseCommand('issue move 3 group/proj')).toEqual({
        kind: 'issue_move',
        iid: 3,
        projectPath: 'group/proj',
      });
    });

    it('accepts "to" and a # prefix', () => {
      expect(parseCommand('issue move #3 to group/sub/proj')).toEqual({
        kind: 'issue_move',
        iid: 3,
        projectPath: 'group/sub/proj',
      });
    });

    it('reads a lone "to" as the project path, as GitLab does', () => {
      expect(parseCommand('issue move 3 to')).toEqual({ kind: 'issue_move', iid: 3, projectPath: 'to' });
    });

    it('is unknown without a project', () => {
      expect(parseCommand('issue move 3')).toEqual({ kind: 'unknown', text: 'issue move 3' });
    });
  });

  describe('issue close', () => {
    it.each(['issue close 5', 'issue close #5'])('%j closes issue 5', (text) => {
      expect(parseCommand(text)).toEqual({ kind: 'issue_close', iid: 5 });
    });
  });

  describe('issue comment', () => {
    it('takes the text after Shift+Enter as the comment, stripped', () => {
      expect(parseCommand('issue comment #5\n\n  Looks good to me.\nThanks!  \n')).toEqual({
        kind: 'issue_comment',
        iid: 5,
        body: 'Looks good to me.\nThanks!',
      });
    });

    it('takes text on the same line as well', () => {
      expect(parseCommand('issue comment 5 on it')).toEqual({ kind: 'issue_comment', iid: 5, body: 'on it' });
    });

    it('gives an empty comment when there is none (GitLab then answers "Note can\'t be blank")', () => {
      expect(parseCommand('issue comment 5')).toEqual({ kind: 'issue_comment', iid: 5, body: '' });
    });
  });

  describe('deploy', () => {
    it('reads source and target environments', () => {
      expect(parseCommand('deploy staging to production')).toEqual({
        kind: 'deploy',
        from: 'staging',
        to: 'production',
      });
    });

    it('splits at the last "to", as the greedy GitLab regex does', () => {
      expect(parseCommand('deploy review/a to b to production')).toEqual({
        kind: 'deploy',
        from: 'review/a to b',
        to: 'production',
      });
    });

    it('accepts "too" (GitLab: `to+`)', () => {
      expect(parseCommand('deploy staging too production')).toEqual({
        kind: 'deploy',
        from: 'staging',
        to: 'production',
      });
    });

    it('is unknown without a target', () => {
      expect(parseCommand('deploy staging')).toEqual({ kind: 'unknown', text: 'deploy staging' });
    });

    it('allows a newline around "to" (it is whitespace)', () => {
      expect(parseCommand('deploy staging\nto production')).toEqual({
        kind: 'deploy',
        from: 'staging',
        to: 'production',
      });
    });

    it('is unknown with a further line after the target (Ruby . stops at a newline, \\z at the end)', () => {
      expect(parseCommand('deploy staging to production\nnow')).toEqual({
        kind: 'unknown',
        text: 'deploy staging to production\nnow',
      });
    });
  });

  describe('run', () => {
    it('runs a job without arguments', () => {
      expect(parseCommand('run help')).toEqual({ kind: 'run', job: 'help', arguments: '' });
    });

    it('passes the arguments, newlines included', () => {
      expect(parseCommand('run deploy --arg x\ny')).toEqual({ kind: 'run', job: 'deploy', arguments: '--arg x\ny' });
    });

    it('takes the arguments from the next line too', () => {
      expect(parseCommand('run deploy\nfirst line')).toEqual({ kind: 'run', job: 'deploy', arguments: 'first line' });
    });

    it('is unknown without a job name', () => {
      expect(parseCommand('run')).toEqual({ kind: 'unknown', text: 'run' });
    });
  });

  it('declares an incident', () => {
    expect(parseCommand('incident declare')).toEqual({ kind: 'incident_declare' });
  });

  it('does not take "incident declare" with anything after it', () => {
    expect(parseCommand('incident declare now')).toEqual({ kind: 'unknown', text: 'incident declare now' });
  });
});

describe('parseCommand: precedence', () => {
  it('matches issue new before issue search, even when the title says "search"', () => {
    expect(parseCommand('issue new search results are empty')).toMatchObject({ kind: 'issue_new' });
  });

  it('matches the issue commands before help', () => {
    expect(parseCommand('issue show 1')).toMatchObject({ kind: 'issue_show' });
  });

  it('runs a job called help instead of showing help', () => {
    expect(parseCommand('run help')).toEqual({ kind: 'run', job: 'help', arguments: '' });
  });

  it('reads "run unlink" as a job, not our unlink', () => {
    expect(parseCommand('run unlink')).toEqual({ kind: 'run', job: 'unlink', arguments: '' });
  });
});

describe('parseCommand: our commands', () => {
  it.each([
    ['unlink', { kind: 'unlink' }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['unsubscribe', { kind: 'unsubscribe' }],
  ])('reads %s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['unlink me', 'subscriptions all', 'unsubscribe push'])(
    'takes %j as unknown: these take no arguments',
    (text) => {
      expect(parseCommand(text)).toEqual({ kind: 'unknown', text });
    },
  );

  it('reads subscribe without arguments as the default events', () => {
    expect(parseCommand('subscribe')).toEqual({ kind: 'subscribe', ok: true, options: { events: [] } });
  });

  it('reads subscribe with events and filters', () => {
    expect(parseCommand('subscribe push,merge_request --branches=protected --only-broken-pipelines')).toEqual({
      kind: 'subscribe',
      ok: true,
      options: { events: ['push', 'merge_request'], branches: 'protected', onlyBrokenPipelines: true },
    });
  });

  it('reports a bad subscribe argument', () => {
    expect(parseCommand('subscribe pushes')).toEqual({
      kind: 'subscribe',
      ok: false,
      error: expect.stringContaining('"pushes"') as unknown,
    });
  });

  it('does not read "subscribed" as subscribe', () => {
    expect(parseCommand('subscribed')).toEqual({ kind: 'unknown', text: 'subscribed' });
  });

  it('does not mistake inherited object keys for commands', () => {
    expect(parseCommand('constructor')).toEqual({ kind: 'unknown', text: 'constructor' });
  });
});

describe('parseCommand: help and unknown', () => {
  it.each(['help', 'help me', 'helpful'])('reads %j as help (GitLab: text starting with help)', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it('reads anything else as unknown, keeping the text', () => {
    expect(parseCommand('make coffee')).toEqual({ kind: 'unknown', text: 'make coffee' });
  });

  it('reads empty text as unknown', () => {
    expect(parseCommand('')).toEqual({ kind: 'unknown', text: '' });
  });

  it('ignores surrounding whitespace', () => {
    expect(parseCommand('  issue show 4 \n')).toEqual({ kind: 'issue_show', iid: 4 });
  });
});
