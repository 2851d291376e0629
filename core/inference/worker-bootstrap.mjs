// Starts the inference worker from its TypeScript source, the way bin/casebench.mjs runs the CLI: Node 20
// cannot load .ts files itself, and worker threads do not inherit the parent's loader hooks.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
