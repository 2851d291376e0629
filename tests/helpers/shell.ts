import { spawn, type ChildProcess } from 'node:child_process';

export type RunningShell = { url: string; origin: string; port: number; token: string; process: ChildProcess; stop: () => Promise<void> };

/** Starts the browser shell (core + gateway) as a real child process and waits for its printed address. */
export const startShell = (dataDir: string, extraArgs: string[] = []): Promise<RunningShell> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/casebench.mjs', 'web', '--data', dataDir, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the browser shell did not start: ${out} ${err}`)), 60_000);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Casebench is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        origin: `http://127.0.0.1:${m[2]}`,
        port: Number(m[2]),
        token: m[3],
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser shell exited (${code}): ${err}`));
    });
  });

export const api = async (shell: RunningShell, name: string, input: unknown, token = shell.token) => {
  const res = await fetch(`${shell.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
};
