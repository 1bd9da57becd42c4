import { commandSpecOf, projectTrigger, suggestMattermostCommand } from './command-suggestion';

describe('Mattermost command suggestions', () => {
  it("gives one project's command GitLab's values, with the project's path as trigger", () => {
    const suggestion = suggestMattermostCommand('https://chatops.example.com/', {
      id: 'p1',
      name: 'Diaspora',
      pathWithNamespace: 'mike/diaspora',
    });
    expect(suggestion).toEqual({
      projectId: 'p1',
      displayName: 'GitLab / Diaspora',
      description: 'Perform common operations on: Diaspora',
      trigger: 'diaspora',
      requestUrl: 'https://chatops.example.com/mattermost/commands',
      requestMethod: 'POST',
      responseUsername: 'GitLab',
      responseIconUrl: 'https://chatops.example.com/assets/mattermost-icon.png',
      autocomplete: true,
      autocompleteHint: '[help]',
      autocompleteDescription: 'Perform common operations on: Diaspora',
    });
    expect(commandSpecOf(suggestion, 'team1', 'dia')).toEqual({
      teamId: 'team1',
      trigger: 'dia',
      url: 'https://chatops.example.com/mattermost/commands',
      method: 'P',
      username: 'GitLab',
      iconUrl: 'https://chatops.example.com/assets/mattermost-icon.png',
      displayName: 'GitLab / Diaspora',
      description: 'Perform common operations on: Diaspora',
      autoComplete: true,
      autoCompleteDesc: 'Perform common operations on: Diaspora',
      autoCompleteHint: '[help]',
    });
  });

  it('gives the shared command /gitlab and the texts of GitLab’s own', () => {
    expect(suggestMattermostCommand('http://127.0.0.1:3000', null)).toMatchObject({
      projectId: null,
      displayName: 'GitLab',
      description: 'GitLab slash commands',
      trigger: 'gitlab',
      requestUrl: 'http://127.0.0.1:3000/mattermost/commands',
      autocompleteHint: '[help]',
    });
  });

  it('makes trigger words Mattermost takes from any project path', () => {
    expect(projectTrigger('group/sub/My.Project')).toBe('my-project');
    expect(projectTrigger('group/Ünïcode_ok')).toBe('n-code_ok');
    expect(projectTrigger('group/...')).toBe('gitlab');
    expect(projectTrigger(`g/${'a'.repeat(200)}`)).toHaveLength(128);
  });

  it("keeps long names within Mattermost's byte limits (64 for the name, 128 for the description)", () => {
    const name = 'Ünïcode project '.repeat(10);
    const suggestion = suggestMattermostCommand('https://c.example', { id: 'p', name, pathWithNamespace: 'g/p' });
    expect(Buffer.byteLength(suggestion.displayName)).toBeLessThanOrEqual(64);
    expect(suggestion.displayName).toMatch(/^GitLab \/ Ünïcode project .*…$/);
    expect(Buffer.byteLength(suggestion.description)).toBeLessThanOrEqual(128);
    expect(suggestion.autocompleteDescription).toBe(`Perform common operations on: ${name}`);
  });
});
