#!/usr/bin/env node
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@chatops/config';
import { printEnv, runFakes, runReplay, runSeed, runSend } from './commands';
import { type DemoConfig, demoUrls } from './config';
import { demoEnvSchema, seedEnvSchema } from './env';

const USAGE = `usage: node packages/demo/dist/main.js <command>   (make demo runs them in order)

  fakes          run the fake Slack, Mattermost and GitLab and the chat viewer (stays in the foreground)
  env            print the services' environment for the demo (export lines)
  seed           configure the running suite for the demo (admin API + operator CLI)
  replay         send the whole scripted sequence of GitLab events
  send <event>   send one event (scripts/demo.sh send <event>; without one, lists them)`;

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main([command, ...args]: string[]): Promise<number> {
  const env = loadConfig(demoEnvSchema, process.env);
  const ports = {
    viewer: env.DEMO_VIEWER_PORT,
    slack: env.DEMO_SLACK_PORT,
    mattermost: env.DEMO_MATTERMOST_PORT,
    gitlab: env.DEMO_GITLAB_PORT,
  };
  const config: DemoConfig = { ports, gatewayUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${env.GATEWAY_PORT}` };
  const stateFile = env.DEMO_STATE_FILE ?? resolve(__dirname, '../../../.local/demo/state.json');
  switch (command) {
    case 'fakes':
      await runFakes(config, stateFile, env.DEMO_REPLAY_DELAY_MS, print);
      return 0;
    case 'env':
      printEnv(config, print);
      return 0;
    case 'seed':
      await runSeed(
        config,
        { ...loadConfig(seedEnvSchema, process.env), PATH: process.env.PATH ?? '' },
        stateFile,
        print,
      );
      return 0;
    case 'replay':
      return runReplay(demoUrls(ports).viewer, print);
    case 'send':
      return runSend(demoUrls(ports).viewer, args[0], print);
    default:
      print(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
