export type BenchRow = { figure: string; value: string; target: string; pass?: boolean };
export type BenchResult = { rows: BenchRow[]; figures: Record<string, number> };
export type Suite = { name: string; description: string; run: (opts: { quick: boolean }) => BenchResult | Promise<BenchResult> };

export const percentiles = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { p50: at(50), p95: at(95), max: s[s.length - 1] };
};

export const printTable = (suite: string, rows: BenchRow[]) => {
  const widths = [Math.max(6, ...rows.map((r) => r.figure.length)), Math.max(5, ...rows.map((r) => r.value.length)), Math.max(6, ...rows.map((r) => r.target.length))];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join('  ');
  const out: string[] = [`\n${suite}`, line(['figure', 'value', 'target', 'ok']), line(widths.map((w) => '-'.repeat(w)).concat('--'))];
  for (const r of rows) out.push(line([r.figure, r.value, r.target, r.pass === undefined ? '' : r.pass ? 'yes' : 'NO']));
  process.stdout.write(out.join('\n') + '\n');
};
