import { type DemoConfig, demoUrls } from './config';
import { type ActivityEntry, EventDirector } from './events/director';
import { type WebhookTarget } from './events/send';
import { SlashCommands } from './viewer/slash-commands';
import { buildViewer } from './viewer/viewer-server';
import { DemoWorld } from './world/demo-world';

export interface DemoAppOptions {
  /** Where the seeded webhook endpoint is; read on every send, so seeding may happen after start. */
  target(): Promise<WebhookTarget | undefined>;
  replayDelayMs: number;
}

export interface DemoApp {
  world: DemoWorld;
  director: EventDirector;
  commands: SlashCommands;
  viewerUrl: string;
  replay(): Promise<ActivityEntry[]>;
  stop(): Promise<void>;
}

/** The demo's process: the three fakes, filled, and the chat viewer on their fixed ports. */
export async function startDemoApp(config: DemoConfig, options: DemoAppOptions): Promise<DemoApp> {
  const world = new DemoWorld(config);
  await world.start();
  const urls = demoUrls(config.ports);
  const director = new EventDirector({
    gitlabUrl: urls.gitlab,
    target: options.target,
    effects: { createIssue: (input) => world.createIssue(input) },
  });
  const commands = new SlashCommands(world, config.gatewayUrl);
  const viewer = buildViewer({ world, director, commands, replayDelayMs: options.replayDelayMs });
  try {
    await viewer.listen({ host: '127.0.0.1', port: config.ports.viewer });
  } catch (error) {
    await world.stop();
    throw error;
  }
  return {
    world,
    director,
    commands,
    viewerUrl: urls.viewer,
    replay: () => director.replay(options.replayDelayMs),
    async stop() {
      await viewer.close();
      await world.stop();
    },
  };
}
