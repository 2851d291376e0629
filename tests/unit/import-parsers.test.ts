import { describe, expect, it } from 'vitest';
import { ClaimDraft } from '../../common/domain/case.ts';
import { CsvReader } from '../../core/import/csv.ts';
import { fraudOracleRowToDraft, FRAUD_ORACLE_COLUMNS, nthWeekday } from '../../core/import/fraudOracle.ts';
import { fileTypeRefusal } from '../../core/import/handlers.ts';
import { JsonArrayReader } from '../../core/import/json.ts';
import { detectCsvLayout } from '../../core/import/pipeline.ts';
import { notTextMessage } from '../../core/import/source.ts';

const readAll = (text: string, chunk = text.length) => {
  const r = new CsvReader();
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out;
};

describe('streaming CSV reader', () => {
  const text = 'a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nplain,"q"\n';
  it('reads quoted fields, doubled quotes, new lines in quotes and CRLF, numbering rows by their first line', () => {
    expect(readAll(text)).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'say "hi"\nthere'] },
      { row: 5, cells: ['plain', 'q'] },
    ]);
  });
  it('gives the same records whatever the chunk size, down to one character', () => {
    for (const size of [1, 2, 3, 7]) expect(readAll(text, size)).toEqual(readAll(text));
  });
  it('flags a stray quote and text after a closing quote on that row only, and reads on', () => {
    const out = readAll('a,b\nab"c,d\n"x"y,z\nok,1\n');
    expect(out[1]).toMatchObject({ row: 2, error: expect.stringMatching(/quote appears inside a field/) });
    expect(out[2]).toMatchObject({ row: 3, error: expect.stringMatching(/quoted field is followed by other text/) });
    expect(out[3]).toEqual({ row: 4, cells: ['ok', '1'] });
  });
  it('names a quote that is never closed', () => {
    const out = readAll('a,b\n1,2\n"open,3\n4,5\n');
    expect(out).toHaveLength(3);
    expect(out[2]).toMatchObject({ row: 3, error: expect.stringMatching(/never closed/) });
  });
});

describe('streaming JSON array reader', () => {
  const readJson = (text: string, chunk = text.length) => {
    const r = new JsonArrayReader();
    const out = [];
    for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
    out.push(...r.end());
    return out;
  };
  it('splits top-level elements, with brackets and quotes inside strings, in any chunk size', () => {
    const text = ' [ {"a": "x ] , {"}, {"b": [1, {"c": "\\" ]"}]}, 3 ]\n';
    const expected = [
      { row: 1, value: { a: 'x ] , {' } },
      { row: 2, value: { b: [1, { c: '" ]' }] } },
      { row: 3, value: 3 },
    ];
    expect(readJson(text)).toEqual(expected);
    expect(readJson(text, 1)).toEqual(expected);
  });
  it('reports a broken element by its number and keeps going', () => {
    const out = readJson('[{"a":1}, {"b":}, {"c":3}]');
    expect(out[1]).toMatchObject({ row: 2, error: expect.stringMatching(/not valid JSON/) });
    expect(out[2]).toEqual({ row: 3, value: { c: 3 } });
  });
  it('refuses a file that is not an array, or is cut off', () => {
    expect(() => readJson('{"claims": []}')).toThrow(/must be an array of claims/);
    expect(() => readJson('[{"a":1}, {"b"')).toThrow(/ends before the array is closed/);
  });
});

describe('format detection and file checks', () => {
  it('tells our CSV from the fraud_oracle layout by the header, and names missing or unknown columns', () => {
    expect(detectCsvLayout([...FRAUD_ORACLE_COLUMNS]).format).toBe('fraud-oracle');
    const ours = detectCsvLayout(['policy_number', 'policy_type', 'policy_inception_date', 'incident_at', 'amount_claimed', 'claimant_name', 'colour']);
    expect(ours).toMatchObject({ format: 'claims-csv', ignoredColumns: ['colour'] });
    expect(() => detectCsvLayout(['claim_number', 'claimant_name'])).toThrow(/no policy_number, policy_type, policy_inception_date, incident_at, amount_claimed columns/);
    expect(() => detectCsvLayout(['name', 'age'])).toThrow(/does not name any column Casebench knows/);
    expect(() => detectCsvLayout(['policy_number', 'Policy_Number'])).toThrow(/twice/);
  });
  it('names wrong file types and binary content in plain words', () => {
    expect(fileTypeRefusal('claims.csv')).toBeNull();
    expect(fileTypeRefusal('claims.JSON')).toBeNull();
    expect(fileTypeRefusal('claims.xlsx')).toMatch(/"claims.xlsx" is an Excel workbook, not a CSV or JSON file/);
    expect(fileTypeRefusal('photo.heic')).toMatch(/is a \.heic file/);
    expect(notTextMessage(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatch(/Excel workbook/);
    expect(notTextMessage(new Uint8Array([0x41, 0x42, 0, 0x43]))).toMatch(/not text/);
    expect(notTextMessage(new TextEncoder().encode('a,b\n1,2\n'))).toBeNull();
  });
});

describe('fraud_oracle mapping', () => {
  const header = [...FRAUD_ORACLE_COLUMNS];
  // A made-up row in the data set's layout (no row of the data set is copied into the repository).
  const values = 'Dec,5,Wednesday,Toyota,Urban,Tuesday,Jan,1,Male,Married,40,Policy Holder,Sedan - Liability,Sedan,more than 69000,0,42,7,300,2,more than 30,more than 30,1,5 years,36 to 40,No,No,External,none,2 to 3 years,1 vehicle,1994,Liability'.split(',');
  const record = Object.fromEntries(header.map((h, i) => [h, values[i]]));

  it('derives dates from the bands: the Nth weekday of the month, the last one when there are fewer', () => {
    expect(nthWeekday(1994, 11, 2, 5).toISOString().slice(0, 10)).toBe('1994-12-28'); // 5th Wednesday of Dec 1994
    expect(nthWeekday(1994, 1, 0, 5).toISOString().slice(0, 10)).toBe('1994-02-28'); // Feb 1994 has four Mondays
    expect(nthWeekday(1995, 0, 1, 1).toISOString().slice(0, 10)).toBe('1995-01-03');
    expect(nthWeekday(1995, 2, 4, 2).toISOString().slice(0, 10)).toBe('1995-03-10'); // the example in docs/import.md
  });

  it('maps a row onto a valid claim; every column without a field is named in the description; the label is not', () => {
    const mapped = fraudOracleRowToDraft(record, 2);
    const draft = ClaimDraft.parse(mapped.draft);
    expect(draft).toMatchObject({
      claimNumber: 'FO-00042',
      policy: { number: '42', type: 'liability', deductibleCents: 30000, inceptionDate: '1993-12-28' },
      incident: { occurredAt: '1994-12-28T12:00', place: 'Urban area', policeReportFiled: false, witnessesPresent: false, fault: 'policyholder' },
      amountClaimedCents: 0,
      // Claimed in January after a December accident: the next year.
      reportedAt: '1995-01-03T12:00',
      parties: [{ role: 'insured', name: 'Policyholder 42' }],
      vehicles: [{ make: 'Toyota' }],
    });
    for (const c of ['Sex: Male', 'Age: 40', 'VehiclePrice: more than 69000', 'AgeOfPolicyHolder: 36 to 40', 'AddressChange_Claim: 2 to 3 years', 'Days_Policy_Claim: more than 30', 'RepNumber: 7']) {
      expect(draft.incident.description).toContain(c);
    }
    expect(draft.incident.description).not.toMatch(/FraudFound/);
    expect(JSON.stringify(draft)).not.toMatch(/FraudFound/);
    expect(mapped).toMatchObject({ dedupeKey: '42', label: '0' });
  });

  it('rejects a row whose bands cannot be read, naming the column', () => {
    expect(() => fraudOracleRowToDraft({ ...record, Month: 'null' }, 9)).toThrow(/Month "null" is not one of Jan/);
    expect(() => fraudOracleRowToDraft({ ...record, Month: '' }, 9)).toThrow(/Month is empty/);
    expect(() => fraudOracleRowToDraft({ ...record, PoliceReportFiled: 'Maybe' }, 9)).toThrow(/PoliceReportFiled "Maybe" must be Yes or No/);
    // A claim month of 0 (it occurs once in the data set) leaves the report date unknown, not invented.
    expect((fraudOracleRowToDraft({ ...record, MonthClaimed: '0', DayOfWeekClaimed: '0' }, 9).draft as { reportedAt?: string }).reportedAt).toBeUndefined();
  });
});
