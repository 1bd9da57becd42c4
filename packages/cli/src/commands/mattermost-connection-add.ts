import { defineCommand, requireOption, UsageError } from '../command';

export const mattermostConnectionAdd = defineCommand({
  name: 'mattermost:connection:add',
  summary:
    'Store a Mattermost server and a token (posts for the mattermost_bot destination; creates slash commands with mattermost:command:create when it may)',
  options: {
    name: { description: 'a name to refer to it by', required: true },
    url: { description: 'server URL, e.g. https://mattermost.example.com', required: true },
    'bot-token': {
      description:
        "bot or personal access token (stored encrypted); to create slash commands, a system or team admin's, or a bot's with manage_own_slash_commands",
    },
  },
  async run(options, { db, box, outbound, print }) {
    const url = requireOption(options, 'url').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError('--url must be an http(s) URL');
    // A host given by name is judged when chatops connects to it, by what it resolves to then.
    const refusal = outbound.refusalOfUrl(url);
    if (refusal) throw new UsageError(`--url ${refusal.message}`);
    const data = { url, botTokenSealed: options['bot-token'] ? box.seal(options['bot-token']) : null };
    const connection = await db.mattermostConnection.upsert({
      where: { name: requireOption(options, 'name') },
      create: { name: options.name ?? '', ...data },
      update: data,
    });
    print(`mattermost connection ${connection.name} (id ${connection.id}) → ${connection.url}`);
    return {
      id: connection.id,
      name: connection.name,
      url: connection.url,
      botToken: connection.botTokenSealed !== null,
    };
  },
});
