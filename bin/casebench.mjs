#!/usr/bin/env node
// The administrators' command line. Runs the TypeScript sources through tsx so it needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
