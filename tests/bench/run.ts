// npm run bench -- [suite ...] [--json] [--quick]
import { printTable, type Suite } from './harness.ts';
import { storeSuite } from './store.ts';
import { evidenceSuite } from './evidence.ts';
import { modelsSuite } from './models.ts';
import { uiSuite } from './ui.ts';
import { importSuite } from './import.ts';

const SUITES: Suite[] = [storeSuite, modelsSuite, evidenceSuite, uiSuite, importSuite];

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
if (unknown.length) {
  process.stderr.write(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => `${s.name} (${s.description})`).join(', ')}\n`);
  process.exit(2);
}
const selected = names.length ? SUITES.filter((s) => names.includes(s.name)) : SUITES;
const all: Record<string, Record<string, number>> = {};
for (const suite of selected) {
  const result = await suite.run({ quick });
  all[suite.name] = result.figures;
  if (!json) printTable(`${suite.name}: ${suite.description}`, result.rows);
}
if (json) process.stdout.write(JSON.stringify(all) + '\n');
