import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rebuildProjections } from '../cases/rebuild.ts';
import { openDatabase } from '../db/open.ts';
import { createDemoWorkspace } from '../demo.ts';
import { auditDataFolder } from '../events/verify.ts';
import { importCommand } from '../import/cli.ts';
import { defaultDataDir } from '../paths.ts';
import { openWorkspace } from '../workspace.ts';
import { analyzeFiles } from '../analysis/cli.ts';
import { DomainError } from '../../common/result.ts';

const HELP = `casebench: administer a Casebench workspace

Usage: casebench <command> [options]

Commands:
  demo [--seed N] [--claims N] [--police N]   create a realistic demo workspace (deterministic from the seed)
  import FILE [--dry-run]                     import claims from CSV, JSON or fraud_oracle.csv (docs/import.md); Ctrl+C cancels between batches
  audit verify [--json]                       recompute every hash chain and signature; exit 1 naming the first bad event
  rebuild                                     rebuild every projection from the event log
  info                                        show the workspace's device, schema and counts
  analyze FILE... [--case ID] [--json]        run every applicable analyzer on the files (added to the case when given); exit 0 when analysis ran
  web [--port N]                              start the browser shell (core + loopback gateway) and print its address

Every command takes --data DIR (default: $CASEBENCH_DATA, else the app's data folder: ${defaultDataDir()}).
`;

const out = (s: string) => process.stdout.write(s + '\n');
const fail = (s: string) => process.stderr.write(`casebench: ${s}\n`);

export const main = async (argv: string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        seed: { type: 'string' },
        claims: { type: 'string' },
        police: { type: 'string' },
        port: { type: 'string' },
        case: { type: 'string' },
      },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    out(HELP);
    return command || values.help ? 0 : 2;
  }
  const dataDir = resolve(values.data ?? defaultDataDir());
  const count = (name: 'seed' | 'claims' | 'police', fallback: number) => {
    const v = values[name];
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new DomainError('INVALID_INPUT', `--${name} must be a whole number, not "${v}".`);
    return n;
  };

  try {
    switch (command) {
      case 'demo': {
        const ws = openWorkspace(dataDir);
        try {
          const started = Date.now();
          const result = await createDemoWorkspace(ws, { seed: count('seed', 1), claims: count('claims', 3000), policeCases: count('police', 40) });
          out(`Created ${result.claims} claims and ${result.policeCases} police cases (${result.events} events) in ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        } finally {
          ws.close();
        }
        return 0;
      }
      case 'import': {
        const file = sub;
        if (!file || rest.length > 0) {
          fail('usage: casebench import FILE [--dry-run] [--data DIR]');
          return 2;
        }
        return await importCommand(file, dataDir, values['dry-run'] === true);
      }
      case 'audit': {
        if (sub !== 'verify') {
          fail('usage: casebench audit verify [--json] [--data DIR]');
          return 2;
        }
        const db = openDatabase(dataDir, { readonly: true });
        try {
          const report = auditDataFolder(db, dataDir);
          if (values.json) out(JSON.stringify(report));
          else if (report.ok) out(`Audit passed: ${report.events} events from ${report.devices} device(s), ${report.signedBatches} signed batches; every hash chain and signature verifies${report.headRecordChecked ? ', and the chain reaches its signed head record' : ' (no head record beside this database, so removal of whole trailing batches cannot be checked)'}.`);
          else {
            const b = report.firstBad!;
            out(`Audit FAILED at event ${b.eventId}${b.seq > 0 ? ` (row ${b.seq}, device ${b.deviceId})` : ` (device ${b.deviceId})`}: ${b.problem}.`);
            out(`${report.events} events were read before the check stopped.`);
          }
          return report.ok ? 0 : 1;
        } finally {
          db.close();
        }
      }
      case 'rebuild': {
        const db = openDatabase(dataDir);
        try {
          const started = Date.now();
          const { events } = rebuildProjections(db);
          out(`Rebuilt every projection from ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        } finally {
          db.close();
        }
        return 0;
      }
      case 'info': {
        const ws = openWorkspace(dataDir);
        try {
          const counts = ws.queries.counts();
          out(JSON.stringify({ dataDir, deviceId: ws.store.deviceId, ...counts, profile: ws.profile() }, null, 2));
        } finally {
          ws.close();
        }
        return 0;
      }
      case 'analyze': {
        const files = [sub, ...rest].filter((f): f is string => Boolean(f));
        if (files.length === 0) {
          fail('usage: casebench analyze FILE... [--case ID] [--json] [--data DIR]');
          return 2;
        }
        const ws = openWorkspace(dataDir);
        try {
          return await analyzeFiles(ws, files, { caseRef: values.case, json: Boolean(values.json), out, fail });
        } finally {
          ws.close();
        }
      }
      case 'web': {
        const { startCore } = await import('../main.ts');
        await startCore(['--web', '--data', dataDir, ...(values.port ? ['--port', values.port] : [])]);
        await new Promise(() => {}); // runs until stopped
        return 0;
      }
      default:
        fail(`unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    fail(e instanceof DomainError ? e.message : `${(e as Error).message}`);
    return 1;
  }
};
