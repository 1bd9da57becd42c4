#!/usr/bin/env node
import { LazyCliContext } from './context';
import { COMMANDS } from './registry';
import { runCli } from './run-cli';

runCli(
  process.argv.slice(2),
  {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  },
  { commands: COMMANDS, createContext: (env, print) => new LazyCliContext(env, print) },
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
