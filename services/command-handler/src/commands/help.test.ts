import { renderReply } from '@chatops/chat';
import { availableCommandHelp } from './registry';
import { helpReply } from './help';

const ALL = availableCommandHelp({ issues: true, builds: true, incidents: true });

const RUN_AND_DOCS = (trigger: string): string =>
  'If available, the `run` command is used for running GitLab CI jobs\n' +
  "defined in this project's `.gitlab-ci.yml` file. For example, if a\n" +
  'job called "help" is defined you can run it like so:\n\n' +
  `\`${trigger} run help\``;

const DOCUMENTATION =
  '*Documentation*\n\n' +
  'For more information about GitLab chatops, refer to its\n' +
  'documentation: https://docs.gitlab.com/ee/ci/chatops/index.html.';

const SUBSCRIBE =
  'subscribe [event,…] [--branches=all|default|protected|default_and_protected] [--labels=a,b] [--only-broken-pipelines|--all-pipelines]';

describe('helpReply', () => {
  // Slack is sent `&lt;id&gt;`, which it shows as `<id>` (GitLab sends `<id>` raw); Mattermost gets `<id>`.
  it('lists the commands of a project-level command, with the project (GitLab layout)', () => {
    const reply = renderReply(
      'slack',
      helpReply({
        trigger: '/web',
        commands: ALL,
        project: { web_url: 'https://gitlab.example.com/acme/web-app' },
        invalid: false,
      }),
    );
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text:
        '*Available commands*\n\n' +
        'The following commands are available for this chatops integration:\n\n' +
        '/web issue show &lt;id&gt;\n' +
        '/web issue new &lt;title&gt; *`⇧ Shift`*+*`↵ Enter`* &lt;description&gt;\n' +
        '/web issue search &lt;your query&gt;\n' +
        '/web issue move &lt;issue_id&gt; (to)? &lt;project_path&gt;\n' +
        '/web issue close &lt;id&gt;\n' +
        '/web issue comment &lt;id&gt; *`⇧ Shift`*+*`↵ Enter`* &lt;comment&gt;\n' +
        '/web deploy &lt;environment&gt; to &lt;target-environment&gt;\n' +
        '/web run &lt;command&gt; &lt;arguments&gt;\n' +
        '/web incident declare\n' +
        '/web incident comment &lt;text&gt;\n' +
        '/web incident timeline &lt;text&gt;\n' +
        '/web incident close\n' +
        `/web ${SUBSCRIBE}\n` +
        '/web unsubscribe\n' +
        '/web subscriptions\n' +
        '/web unlink\n\n' +
        `${RUN_AND_DOCS('/web')}\n\n` +
        '*Project*\n\n' +
        'The GitLab project for this chatops integration can be found at\n' +
        'https://gitlab.example.com/acme/web-app.\n\n' +
        DOCUMENTATION,
    });
  });

  it('shows where the project alias goes for the workspace-wide /gitlab command', () => {
    const reply = renderReply('slack', helpReply({ trigger: '/gitlab', commands: ALL, invalid: false }));
    expect(reply.text).toBe(
      '*Available commands*\n\n' +
        'The following commands are available for this chatops integration:\n\n' +
        '/gitlab [project name or alias] issue show &lt;id&gt;\n' +
        '/gitlab [project name or alias] issue new &lt;title&gt; *`⇧ Shift`*+*`↵ Enter`* &lt;description&gt;\n' +
        '/gitlab [project name or alias] issue search &lt;your query&gt;\n' +
        '/gitlab [project name or alias] issue move &lt;issue_id&gt; (to)? &lt;project_path&gt;\n' +
        '/gitlab [project name or alias] issue close &lt;id&gt;\n' +
        '/gitlab [project name or alias] issue comment &lt;id&gt; *`⇧ Shift`*+*`↵ Enter`* &lt;comment&gt;\n' +
        '/gitlab [project name or alias] deploy &lt;environment&gt; to &lt;target-environment&gt;\n' +
        '/gitlab [project name or alias] run &lt;command&gt; &lt;arguments&gt;\n' +
        '/gitlab incident declare\n' +
        '/gitlab incident comment &lt;text&gt;\n' +
        '/gitlab incident timeline &lt;text&gt;\n' +
        '/gitlab incident close\n' +
        `/gitlab [project name or alias] ${SUBSCRIBE}\n` +
        '/gitlab [project name or alias] unsubscribe\n' +
        '/gitlab subscriptions\n' +
        '/gitlab unlink\n\n' +
        `${RUN_AND_DOCS('/gitlab [project name or alias]')}\n\n` +
        DOCUMENTATION,
    );
  });

  it('starts with "The specified command is not valid." for an unknown command', () => {
    const commands = [{ usage: 'issue show <id>', needsProject: true }];
    const reply = renderReply(
      'mattermost',
      helpReply({ trigger: '/web', commands, project: { web_url: 'https://g.example/p' }, invalid: true }),
    );
    expect(reply).toEqual({
      response_type: 'ephemeral',
      text:
        'The specified command is not valid.\n\n' +
        '*Available commands*\n\n' +
        'The following commands are available for this chatops integration:\n\n' +
        '/web issue show <id>\n\n' +
        `${RUN_AND_DOCS('/web')}\n\n` +
        '*Project*\n\n' +
        'The GitLab project for this chatops integration can be found at\n' +
        'https://g.example/p.\n\n' +
        DOCUMENTATION,
    });
  });

  it('says so when there are no commands', () => {
    const reply = renderReply(
      'slack',
      helpReply({ trigger: '/web', commands: [], project: { web_url: 'https://g.example/p' }, invalid: true }),
    );
    expect(reply.text).toBe(
      'This chatops integration does not have any commands that can be\nexecuted.\n\n' +
        '*Project*\n\n' +
        'The GitLab project for this chatops integration can be found at\n' +
        'https://g.example/p.\n\n' +
        DOCUMENTATION,
    );
  });
});

describe('availableCommandHelp', () => {
  it('lists only our commands when the project has neither issues nor CI and incidents are off', () => {
    expect(availableCommandHelp({ issues: false, builds: false, incidents: false }).map((c) => c.usage)).toEqual([
      SUBSCRIBE,
      'unsubscribe',
      'subscriptions',
      'unlink',
    ]);
  });

  it('lists deploy and run when CI is enabled', () => {
    expect(availableCommandHelp({ issues: false, builds: true, incidents: false }).map((c) => c.usage)).toEqual([
      'deploy <environment> to <target-environment>',
      'run <command> <arguments>',
      SUBSCRIBE,
      'unsubscribe',
      'subscriptions',
      'unlink',
    ]);
  });
});
