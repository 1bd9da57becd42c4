#!/usr/bin/env node
// Prints `export NAME='value'` for each variable of a .env file (argv[2]) that this process's
// environment leaves unset or empty, quoted for bash's eval. Parsed by node's util.parseEnv, the
// parser behind `node --env-file`. Used by load_dotenv in scripts/lib/dotenv.sh.
'use strict';
const { readFileSync } = require('node:fs');
const { parseEnv } = require('node:util');

const quote = (value) => `'${value.replace(/'/g, `'\\''`)}'`;
for (const [name, value] of Object.entries(parseEnv(readFileSync(process.argv[2], 'utf8')))) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || process.env[name]) continue;
  process.stdout.write(`export ${name}=${quote(value)}\n`);
}
