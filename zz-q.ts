import { openWorkspace } from './core/workspace.ts';
const ws = openWorkspace('/tmp/scratch/s200');
const r = ws.queries.list({ search: '555 0002468', sort: 'updatedAt', direction: 'desc', offset: 0, limit: 20 });
console.log(r.total, r.rows.map((x) => x.number + ' ' + x.claimant).join('\n'));
ws.close();
