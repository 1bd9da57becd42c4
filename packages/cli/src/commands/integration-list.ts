import { defineCommand } from '../command';

export const integrationList = defineCommand({
  name: 'integration:list',
  summary: 'List integrations with their events and channels',
  options: { project: { description: 'only this project (path)' } },
  async run(options, { db, print }) {
    const integrations = await db.integration.findMany({
      where: options.project ? { project: { pathWithNamespace: options.project } } : {},
      include: { routes: true, project: true },
      orderBy: { createdAt: 'asc' },
    });
    if (integrations.length === 0) print('no integrations');
    for (const i of integrations) {
      const routes = i.routes
        .map((r) => (r.channels.length > 0 ? `${r.event}→${r.channels.join('|')}` : r.event))
        .join(', ');
      print(
        `${i.id}  ${i.project.pathWithNamespace}  ${i.name}  ${i.destination}  default=${i.defaultChannel ?? '-'}  ${i.active ? 'active' : 'inactive'}  [${routes}]`,
      );
    }
    return integrations.map((i) => ({
      id: i.id,
      project: i.project.pathWithNamespace,
      name: i.name,
      destination: i.destination,
      defaultChannel: i.defaultChannel,
      active: i.active,
      routes: i.routes.map((r) => ({ event: r.event, channels: r.channels })),
    }));
  },
});
