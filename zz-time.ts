import { openWorkspace } from './core/workspace.ts';
const ws = openWorkspace(process.argv[2]);
const n = Number(process.argv[3]);
const plate = (i: number) => `UI${String(i).padStart(7, '0')}`;
const num = (i: number) => `U-${String(i).padStart(8, '0')}`;
const phone = (i: number) => `555 ${String(i % 10_000_000).padStart(7, '0')}`;
for (const [name, f] of [['plate', plate], ['number', num], ['phone', phone]] as const) {
  const t: number[] = [];
  for (let s = 0; s < 15; s++) {
    const i = Math.floor(((s * 7_654_321 + 12_345) % 1_000_003) / 1_000_003 * n);
    const a = performance.now();
    const r = ws.queries.list({ search: f(i), sort: 'updatedAt', direction: 'desc', offset: 0, limit: 100 });
    t.push(performance.now() - a);
    if (r.rows.length !== 1) console.log('unexpected', name, f(i), r.total);
  }
  t.sort((a, b) => a - b);
  console.log(name, 'p50', t[7].toFixed(1), 'max', t[14].toFixed(1));
}
ws.close();
