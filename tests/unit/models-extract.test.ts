import { describe, expect, it } from 'vitest';
import type { AnalysisInput } from '../../core/analysis/types.ts';
import { extractFromText, findAmounts, findDates, findPlates, findVins } from '../../core/inference/extract.ts';
import { claimFindings } from '../../core/inference/ocr.ts';

const VALID_EU = 'WDB1240271A123456';
const VALID_US = '1HGCM82633A004352';

const input = (claim: AnalysisInput['claim']): AnalysisInput => ({
  evidenceId: 'ev1',
  caseId: 'case1',
  sha256: 'a'.repeat(64),
  path: '/dev/null',
  mediaType: 'image/png',
  kind: 'image',
  size: 0,
  originalName: 'invoice.png',
  claim,
  saveArtifact: async () => 'b'.repeat(64),
  signal: new AbortController().signal,
  progress: () => {},
});
const analyzer = { id: 'ocr', version: '1.0.0' };

describe('reading claim facts from OCR text', () => {
  it('finds VINs with a valid check digit, alone, glued to their label or printed in groups', () => {
    expect(findVins(`VIN:${VALID_US}`)).toEqual([{ vin: VALID_US, checkDigitValid: true }]);
    expect(findVins('Chassis WDB 124027 1A 123456')).toEqual([{ vin: VALID_EU, checkDigitValid: true }]);
    // OCR reads the zeros of a VIN as O; VINs never contain O, so they are read back as zeros
    expect(findVins('1HGCM82633AOO4352')).toEqual([{ vin: VALID_US, checkDigitValid: true }]);
  });

  it('reports a standalone 17-character VIN whose check digit fails, but does not piece one together from words', () => {
    expect(findVins('1HGCM82633A004353')).toEqual([{ vin: '1HGCM82633A004353', checkDigitValid: false }]);
    expect(findVins('Date: 14.03.2026 Total EUR 1,234.50')).toEqual([]);
    expect(findVins('INVOICE NUMBER 2026 0314 ABCDEFG')).toEqual([]);
  });

  it('finds number plates but not dates, amounts or VIN fragments', () => {
    expect(findPlates('Plate: AB12 CDE')).toEqual(['AB12CDE']);
    expect(findPlates('Kennzeichen M-AB 1234')).toContain('MAB1234');
    expect(findPlates('Date 14.03.2026, total 1 234.50')).toEqual([]);
    expect(findPlates(VALID_US, findVins(VALID_US))).toEqual([]);
  });

  it('reads ISO, day-first and written dates, and rejects impossible ones', () => {
    expect(findDates('on 2026-03-14 and 15/03/2026 and 3 April 2026').map((d) => d.iso)).toEqual(['2026-03-14', '2026-03-15', '2026-04-03']);
    expect(findDates('31.02.2026 and 2026-13-01')).toEqual([]);
  });

  it('reads amounts in point- and comma-decimal styles', () => {
    expect(findAmounts('Total: EUR 1,234.50').map((a) => a.cents)).toEqual([123450]);
    expect(findAmounts('Summe 1.234,50 €').map((a) => a.cents)).toEqual([123450]);
    expect(findAmounts('$ 980')[0].cents).toBe(98000);
    expect(findAmounts('Part no. 4711, 3 pieces')).toEqual([]);
  });
});

describe('comparing OCR text with the claim', () => {
  const text = `VIN: ${VALID_US}\nPlate: AB12 CDE\nDate: 14.03.2026 Total: EUR 1,234.50`;
  const labels = (claim: AnalysisInput['claim']) => claimFindings(analyzer, input(claim), text, extractFromText(text)).map((f) => `${f.label}:${f.severity}`);

  it('raises an alert when the VIN on the document is not the claimed one, and a warning for another plate and amount', () => {
    const found = labels({ plates: ['XY99 ZZZ'], vins: [VALID_EU], amountClaimedCents: 500_000, incidentAt: '2026-03-10T10:00' });
    expect(found).toEqual(['ocr.vin-mismatch:alert', 'ocr.plate-mismatch:warning', 'ocr.dates:info', 'ocr.amount-mismatch:warning']);
    const mismatch = claimFindings(analyzer, input({ plates: [], vins: [VALID_EU] }), text, extractFromText(text))[0];
    expect(mismatch.explanation).toBe(`VIN on the document does not match the claim: it reads ${VALID_US}, the claim has ${VALID_EU}.`);
    expect(mismatch.inputSha256).toBe('a'.repeat(64));
  });

  it('confirms a document that agrees with the claim, whatever the spacing of the plate', () => {
    expect(labels({ plates: ['ab-12-cde'], vins: [VALID_US.toLowerCase()], amountClaimedCents: 123_450, incidentAt: '2026-03-14T08:00' })).toEqual([
      'ocr.vin-matches-claim:info',
      'ocr.plate-matches-claim:info',
      'ocr.dates:info',
      'ocr.amount-matches-claim:info',
    ]);
  });

  it('warns about a failed check digit only where the check digit is mandatory', () => {
    const bad = (vin: string) => claimFindings(analyzer, input({ plates: [], vins: [] }), vin, extractFromText(vin)).map((f) => `${f.label}:${f.severity}`);
    expect(bad('1HGCM82633A004353')).toEqual(['ocr.vin-check-digit:warning']);
    expect(bad('WDB1240221A123456')).toEqual(['ocr.vin-check-digit:info']);
  });
});
