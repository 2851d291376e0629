import { execFileSync } from 'node:child_process';

/** Runs the real `casebench` command line and returns its exit status with stdout and stderr together. */
export const runCli = (args: string[], env: Record<string, string> = {}): { code: number; out: string } => {
  try {
    return { code: 0, out: execFileSync(process.execPath, ['bin/casebench.mjs', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
};
