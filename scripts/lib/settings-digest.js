#!/usr/bin/env node
// Prints `<service> <VARIABLE> <digest>` for every setting each named service (argv) reads from
// this process's environment: the variables of its env schema (services/<svc>/dist/env.js, so it
// needs a build), plus NODE_OPTIONS and OTEL_*, which node and tracing read directly. The digest
// is a short SHA-256 of the value, "-" when unset or empty, so a file of these lines tells which
// settings changed without holding any value. scripts/services.sh compares them with what each
// running service was started with.
'use strict';
const { createHash } = require('node:crypto');
const { resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
for (const service of process.argv.slice(2)) {
  const exported = `${service.replace(/-(\w)/g, (_, c) => c.toUpperCase())}EnvSchema`; // command-handler → commandHandlerEnvSchema
  const shape = require(resolve(ROOT, 'services', service, 'dist/env.js'))[exported]?.shape;
  if (!shape) {
    console.error(`settings-digest: services/${service}/dist/env.js exports no ${exported} object schema`);
    process.exit(1);
  }
  const names = new Set([...Object.keys(shape), 'NODE_OPTIONS']);
  for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) names.add(name);
  for (const name of [...names].sort()) {
    const value = process.env[name];
    const digest = value ? createHash('sha256').update(value).digest('hex').slice(0, 16) : '-';
    process.stdout.write(`${service} ${name} ${digest}\n`);
  }
}
