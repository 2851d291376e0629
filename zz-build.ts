import { buildStore } from './tests/bench/ui.ts';
import { mkdirSync } from 'node:fs';
mkdirSync('/tmp/scratch/s1m', { recursive: true });
console.log(buildStore('/tmp/scratch/s1m', 1_000_000));
