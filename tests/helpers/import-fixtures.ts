import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Import files made on the fly (never copies of ../shared/data): our claims CSV with any number of rows.

export const CLAIMS_HEADER =
  'claim_number,policy_number,policy_type,policy_inception_date,insured_value,deductible,incident_at,incident_place,description,police_report_filed,witnesses_present,fault,amount_claimed,claimant_name,claimant_phone,vehicle_plate,vehicle_make,vehicle_model,vehicle_year';

const MAKES = ['Toyota', 'Honda', 'Ford', 'Mazda', 'Volkswagen'];

/** One valid row; `n` makes the claim number, policy and plate unique. */
export const claimsCsvRow = (n: number, prefix = 'IMP'): string => {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((n % 12) + 1).padStart(2, '0');
  return [
    `${prefix}-${String(n).padStart(7, '0')}`,
    `POL-${String(70000000 + n)}`,
    ['collision', 'comprehensive', 'liability'][n % 3],
    `2024-${month}-${day}`,
    '24000',
    '500',
    `2026-${month}-${day}T${String(n % 24).padStart(2, '0')}:15`,
    `"${n % 90} Mill Road, Riverton"`,
    'Rear-ended at a junction.',
    n % 2 ? 'yes' : 'no',
    'no',
    'third_party',
    `${(n % 5000) + 100}.50`,
    `Claimant ${n}`,
    `+1 555 ${String(n % 1000).padStart(3, '0')} ${String(n % 10000).padStart(4, '0')}`,
    `KP${String(n % 100).padStart(2, '0')} ${String.fromCharCode(65 + (n % 26))}XT`,
    MAKES[n % MAKES.length],
    'Model',
    String(2010 + (n % 15)),
  ].join(',');
};

/** Writes a claims CSV of `rows` valid rows (and the given extra lines at the end) and returns its path. */
export const writeClaimsCsv = (dir: string, name: string, rows: number, extraLines: string[] = [], prefix = 'IMP'): string => {
  const path = join(dir, name);
  const lines = [CLAIMS_HEADER];
  for (let i = 1; i <= rows; i++) lines.push(claimsCsvRow(i, prefix));
  lines.push(...extraLines);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
};
