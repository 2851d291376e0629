import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import { openConnection } from './api/connection.ts';
import { defaultDataDir } from './paths.ts';
import { startGateway } from './gateway/server.ts';
import { log } from './logger.ts';
import { openWorkspace } from './workspace.ts';

// The core process. In the desktop app main forks it as a utilityProcess and hands each window a
// MessagePort; in the browser shell and in tests it runs as a plain Node process with the gateway.

type MessagePortLike = { on(event: 'message', cb: (e: { data: unknown }) => void): void; on(event: 'close', cb: () => void): void; postMessage(m: unknown): void; start(): void };
type ParentPort = { on(event: 'message', cb: (e: { data: unknown; ports: MessagePortLike[] }) => void): void; postMessage(m: unknown): void };

const argValue = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export const startCore = async (args: string[]) => {
  const dataDir = resolve(argValue(args, '--data') ?? process.env.CASEBENCH_DATA ?? defaultDataDir());
  const workspace = openWorkspace(dataDir);
  const dispatch = createDispatcher(createHandlers(workspace));
  const closers: (() => Promise<void> | void)[] = [];

  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    parentPort.on('message', (e) => {
      const port = e.ports?.[0];
      if ((e.data as { type?: string })?.type !== 'connect' || !port) return;
      const connection = openConnection(workspace, dispatch, (m) => port.postMessage(m));
      port.on('message', (m) => void connection.receive(m.data));
      port.on('close', () => connection.close());
      port.start();
    });
    parentPort.postMessage({ type: 'ready' });
  }

  if (args.includes('--web')) {
    const here = dirname(fileURLToPath(import.meta.url));
    // From source (core/main.ts) or bundled (out/main/core.js), the built renderer is out/renderer.
    const staticDir = argValue(args, '--static') ?? [join(here, '..', 'out', 'renderer'), join(here, '..', 'renderer')].find((d) => existsSync(join(d, 'index.html'))) ?? join(here, '..', 'out', 'renderer');
    const gateway = await startGateway({ workspace, dispatch, staticDir, port: Number(argValue(args, '--port') ?? 0) });
    closers.push(gateway.close);
    // The one line a person needs: where the app is, with its access token.
    process.stdout.write(`Casebench is running at ${gateway.url}\n`);
    process.send?.({ type: 'ready', url: gateway.url });
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const c of closers) await c();
    workspace.close();
    log.info('core stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  return { workspace, stop };
};

const isEntry = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const inUtilityProcess = Boolean((process as unknown as { parentPort?: unknown }).parentPort);
if (isEntry || inUtilityProcess) {
  startCore(process.argv.slice(2)).catch((e: Error) => {
    process.stderr.write(`Casebench core could not start: ${e.message}\n`);
    process.exit(1);
  });
}
