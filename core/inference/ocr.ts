import type { AnalysisInput, Analyzer, Finding } from '../analysis/types.ts';
import { compact, extractFromText, type Extracted } from './extract.ts';
import { finding, guarded, modelFields } from './findings.ts';
import { modelRegistry } from './registry.ts';

// OCR on documents and vehicle photos, then the claim check: VINs, plates, dates and amounts read from the
// image against the claim's own fields.

const PARAMETERS = { detector: 'ppocr-v4-det', recogniser: 'ppocr-v4-rec', maxSide: 960, dropScore: 0.5 };
const money = (cents: number) => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The claim check on text already read; exported for unit tests. */
export const claimFindings = (analyzer: Pick<Analyzer, 'id' | 'version'>, input: AnalysisInput, text: string, extracted: Extracted): Finding[] => {
  const claim = input.claim;
  const out: Finding[] = [];
  const add = (label: string, severity: Finding['severity'], explanation: string, data: Record<string, unknown>) =>
    out.push(finding(analyzer, input, PARAMETERS, { ...modelFields('ppocr-v4-rec'), label, severity, explanation, data }));
  const claimVins = (claim?.vins ?? []).map(compact);
  for (const v of extracted.vins) {
    if (!v.checkDigitValid) {
      // The check digit is mandatory for North American (WMI 1-5) and Chinese (L) VINs, optional elsewhere.
      const required = /^[1-5L]/.test(v.vin);
      add('ocr.vin-check-digit', required ? 'warning' : 'info', `The VIN ${v.vin} read from the image fails the check digit${required ? ', which every VIN from this region must pass: it is misread, mistyped or invented' : '; vehicles from this region need not use it, or the VIN was misread'}.`, { vin: v.vin, checkDigitValid: false });
      continue;
    }
    if (!claimVins.length) add('ocr.vin', 'info', `VIN ${v.vin} read from the image (check digit valid). The claim lists no VIN to compare with.`, { vin: v.vin });
    else if (claimVins.includes(v.vin)) add('ocr.vin-matches-claim', 'info', `VIN ${v.vin} on the document matches the claim.`, { vin: v.vin });
    else add('ocr.vin-mismatch', 'alert', `VIN on the document does not match the claim: it reads ${v.vin}, the claim has ${claimVins.join(', ')}.`, { vin: v.vin, claimVins });
  }
  const claimPlates = (claim?.plates ?? []).map(compact).filter(Boolean);
  const textCompact = compact(text);
  const matched = claimPlates.filter((p) => textCompact.includes(p));
  if (matched.length) add('ocr.plate-matches-claim', 'info', `The plate ${matched.join(', ')} in the image matches the claim.`, { plates: matched });
  else if (extracted.plates.length && claimPlates.length) {
    add('ocr.plate-mismatch', 'warning', `Plate on the image does not match the claim: it reads ${extracted.plates.join(', ')}, the claim has ${claimPlates.join(', ')}. Check the photo shows the claimed vehicle (OCR can misread a plate).`, { plates: extracted.plates, claimPlates });
  } else if (extracted.plates.length) add('ocr.plates', 'info', `Possible plate numbers read: ${extracted.plates.join(', ')}. The claim lists no plate to compare with.`, { plates: extracted.plates });
  if (extracted.dates.length) {
    const incident = claim?.incidentAt?.slice(0, 10);
    const dates = extracted.dates.map((d) => ({ ...d, relation: incident ? (d.iso < incident ? 'before incident' : d.iso > incident ? 'after incident' : 'incident day') : null }));
    add('ocr.dates', 'info', `Dates on the document: ${dates.map((d) => `${d.iso}${d.relation ? ` (${d.relation})` : ''}`).join(', ')}.`, { dates, incidentDate: incident ?? null });
  }
  if (extracted.amounts.length) {
    const claimed = claim?.amountClaimedCents;
    const largest = Math.max(...extracted.amounts.map((a) => a.cents));
    if (claimed === undefined) add('ocr.amounts', 'info', `Amounts on the document: ${extracted.amounts.map((a) => a.text).join(', ')}.`, { amounts: extracted.amounts });
    else if (extracted.amounts.some((a) => Math.abs(a.cents - claimed) <= 1)) add('ocr.amount-matches-claim', 'info', `The claimed amount ${money(claimed)} appears on the document.`, { amounts: extracted.amounts, claimedCents: claimed });
    else {
      add('ocr.amount-mismatch', 'warning', `No amount on the document matches the claimed ${money(claimed)}; the largest it shows is ${money(largest)}${largest < claimed ? ', less than claimed' : ''}.`, { amounts: extracted.amounts, claimedCents: claimed, largestCents: largest });
    }
  }
  return out;
};

export const ocrAnalyzer: Analyzer = {
  id: 'ocr',
  version: '1.0.0',
  title: 'Text reading (OCR)',
  accepts: ['image', 'document'],
  unavailable: () => modelRegistry().unavailable('ppocr-v4-det', 'ppocr-v4-rec'),
  run: async (input) =>
    guarded(ocrAnalyzer, input, PARAMETERS, ['ppocr-v4-det', 'ppocr-v4-rec'], async () => {
      if (!input.mediaType.startsWith('image/')) {
        return [finding(ocrAnalyzer, input, PARAMETERS, { label: 'ocr.unsupported', severity: 'info', explanation: `Text is read from images; this ${input.mediaType} file needs its pages rendered as images first.` })];
      }
      input.progress(0);
      const result = await readText(input.path, input.signal);
      input.progress(1);
      const lines = result.lines.map((l) => ({ text: l.text, confidence: Math.round(l.confidence * 1000) / 1000, box: l.box }));
      const extracted = extractFromText(result.text);
      const base = finding(ocrAnalyzer, input, PARAMETERS, {
        ...modelFields('ppocr-v4-rec'),
        label: lines.length ? 'ocr.text' : 'ocr.no-text',
        severity: 'info',
        explanation: lines.length ? `Read ${lines.length} line${lines.length === 1 ? '' : 's'} of text.` : 'No text was found in the image.',
        data: { text: result.text, lines, extracted, detectorSha256: modelRegistry().entry('ppocr-v4-det')?.sha256 },
      });
      return [base, ...claimFindings(ocrAnalyzer, input, result.text, extracted)];
    }),
};

/** OCR of one image (a page or a photo): text, lines with boxes, and how long detection and recognition took. */
export const readText = (path: string, signal?: AbortSignal) => modelRegistry().run('ocr', { detector: 'ppocr-v4-det', recogniser: 'ppocr-v4-rec' }, { path }, signal);

/** For the evidence bench: milliseconds to OCR one page image (after the models are loaded). */
export const ocrPageMs = async (path: string): Promise<{ ms: number; detectMs: number; recogniseMs: number; lines: number }> => {
  await modelRegistry().run('load', { detector: 'ppocr-v4-det', recogniser: 'ppocr-v4-rec' }, {});
  const t = performance.now();
  const r = await readText(path);
  return { ms: performance.now() - t, detectMs: r.detectMs, recogniseMs: r.recogniseMs, lines: r.lines.length };
};
