import { takesNoProject } from '../commands/registry';
import { splitProjectAlias } from './split-project-alias';

describe('splitProjectAlias', () => {
  it('reads a lone word as a command without project (GitLab: help)', () => {
    expect(splitProjectAlias('help', takesNoProject)).toEqual({ alias: null, command: 'help' });
  });

  it.each(['unlink', 'subscriptions'])('reads our project-less command %s without project', (word) => {
    expect(splitProjectAlias(word, takesNoProject)).toEqual({ alias: null, command: word });
  });

  it('splits the project path from the command (GitLab example)', () => {
    expect(splitProjectAlias('group/project issue new some title', takesNoProject)).toEqual({
      alias: 'group/project',
      command: 'issue new some title',
    });
  });

  it('keeps incident declare whole: it has no project', () => {
    expect(splitProjectAlias('incident declare', takesNoProject)).toEqual({ alias: null, command: 'incident declare' });
  });

  it('keeps the newlines of a description typed with Shift+Enter', () => {
    expect(splitProjectAlias('web issue new Title\nline one\n\nline two', takesNoProject)).toEqual({
      alias: 'web',
      command: 'issue new Title\nline one\n\nline two',
    });
  });

  it('splits on a newline right after the alias as well', () => {
    expect(splitProjectAlias('web\nissue show 1', takesNoProject)).toEqual({ alias: 'web', command: 'issue show 1' });
  });

  it('ignores surrounding whitespace and repeated separators', () => {
    expect(splitProjectAlias('  web   issue show 1 \n', takesNoProject)).toEqual({
      alias: 'web',
      command: 'issue show 1',
    });
    expect(splitProjectAlias('  help  ', takesNoProject)).toEqual({ alias: null, command: 'help' });
  });

  it('reads a project followed by help as project help', () => {
    expect(splitProjectAlias('acme/web help', takesNoProject)).toEqual({ alias: 'acme/web', command: 'help' });
  });

  it('returns an empty command for empty text', () => {
    expect(splitProjectAlias('   ', takesNoProject)).toEqual({ alias: null, command: '' });
  });
});
