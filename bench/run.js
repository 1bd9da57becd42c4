#!/usr/bin/env node
// `make bench` entry point: the harness is TypeScript, compiled to bench/dist by `turbo run build`.
require('./dist/run.js');
