import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/analysis/types.ts';
import { ocrAnalyzer } from '../../core/inference/ocr.ts';
import { modelRegistry, stopInferenceWorker } from '../../core/inference/registry.ts';
import { analysisInput, tempFolder } from './models-fixtures.ts';

// Text images are rendered here from SVG, as a scanned repair invoice and a number plate would look.
const VIN = '1HGCM82633A004352'; // check digit valid
const OTHER_VIN = 'WDB1240271A123456'; // also valid, a different vehicle
const PLATE = 'AB12 CDE';

const svgText = (width: number, height: number, lines: { text: string; x: number; y: number; size: number }[], background = 'white') =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${lines
      .map((l) => `<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${l.size}" fill="black">${l.text}</text>`)
      .join('')}</svg>`,
  );

const labels = (findings: Finding[]) => findings.map((f) => f.label);
const ocrAvailable = modelRegistry().unavailable('ppocr-v4-det', 'ppocr-v4-rec');
if (ocrAvailable) process.stderr.write(`models-ocr: skipped: ${ocrAvailable}\n`);

describe.skipIf(ocrAvailable !== null)('OCR on documents and vehicle photos', () => {
  const tmp = tempFolder('ocr');
  const invoice = join(tmp.dir, 'invoice.png');
  const plate = join(tmp.dir, 'plate.jpg');
  const clean = join(tmp.dir, 'clean.jpg');

  beforeAll(async () => {
    await sharp(
      svgText(900, 320, [
        { text: 'Harbour Road Body Repairs', x: 30, y: 50, size: 30 },
        { text: `VIN: ${VIN}`, x: 30, y: 120, size: 32 },
        { text: `Plate: ${PLATE}`, x: 30, y: 180, size: 32 },
        { text: 'Date: 14.03.2026   Total: EUR 1,234.50', x: 30, y: 250, size: 32 },
      ]),
    )
      .png()
      .toFile(invoice);
    // A plate on a car-coloured background, photographed and saved as JPEG.
    const plateSvg = svgText(360, 90, [{ text: PLATE, x: 30, y: 65, size: 56 }], '#f4f1e6');
    await sharp({ create: { width: 800, height: 500, channels: 3, background: '#3b5a7a' } }).composite([{ input: plateSvg, left: 220, top: 300 }]).jpeg({ quality: 88 }).toFile(plate);
    const raw = Buffer.alloc(640 * 400 * 3);
    for (let y = 0; y < 400; y++) for (let x = 0; x < 640; x++) raw.set([90 + (x % 160), 120, 160 - (y % 120)], (y * 640 + x) * 3);
    await sharp(raw, { raw: { width: 640, height: 400, channels: 3 } }).blur(3).jpeg().toFile(clean);
  });
  afterAll(async () => {
    await stopInferenceWorker();
    tmp.cleanup();
  });

  it('reads the VIN, plate, date and amount from an invoice and says the VIN does not match the claim', async () => {
    const { input } = analysisInput(invoice, 'document', 'image/png', { plates: ['XY99 ZZZ'], vins: [OTHER_VIN], amountClaimedCents: 500_000, incidentAt: '2026-03-10T09:30' });
    const findings = await ocrAnalyzer.run(input);
    const text = findings[0].data?.text as string;
    expect(findings[0]).toMatchObject({ analyzerId: 'ocr', label: 'ocr.text', modelId: 'ppocr-v4-rec' });
    expect(text.replace(/\s/g, '')).toContain(VIN);
    const vin = findings.find((f) => f.label === 'ocr.vin-mismatch');
    expect(vin?.severity).toBe('alert');
    expect(vin?.explanation).toMatch(/^VIN on the document does not match the claim/);
    expect(vin?.data).toMatchObject({ vin: VIN });
    expect(findings.find((f) => f.label === 'ocr.plate-mismatch')?.data).toMatchObject({ plates: ['AB12CDE'] });
    expect(findings.find((f) => f.label === 'ocr.dates')?.data).toMatchObject({ dates: [{ iso: '2026-03-14', relation: 'after incident' }] });
    expect(findings.find((f) => f.label === 'ocr.amount-mismatch')?.data).toMatchObject({ largestCents: 123_450, claimedCents: 500_000 });
  });

  it('confirms the same invoice against a claim it agrees with', async () => {
    const { input } = analysisInput(invoice, 'document', 'image/png', { plates: [PLATE], vins: [VIN], amountClaimedCents: 123_450 });
    const found = labels(await ocrAnalyzer.run(input));
    expect(found).toEqual(expect.arrayContaining(['ocr.vin-matches-claim', 'ocr.plate-matches-claim', 'ocr.amount-matches-claim']));
    expect(found.filter((l) => l.endsWith('mismatch'))).toEqual([]);
  });

  it('reads a number plate in a vehicle photo', async () => {
    const { input } = analysisInput(plate, 'image', 'image/jpeg', { plates: ['AB12CDE'], vins: [] });
    const findings = await ocrAnalyzer.run(input);
    expect(labels(findings)).toContain('ocr.plate-matches-claim');
    const other = await ocrAnalyzer.run(analysisInput(plate, 'image', 'image/jpeg', { plates: ['KL34 MNO'], vins: [] }).input);
    expect(other.find((f) => f.label === 'ocr.plate-mismatch')?.data).toMatchObject({ plates: ['AB12CDE'] });
  });

  it('finds no plate or VIN in a photo without text', async () => {
    const findings = await ocrAnalyzer.run(analysisInput(clean, 'image', 'image/jpeg', { plates: ['AB12CDE'], vins: [VIN] }).input);
    expect(labels(findings).filter((l) => /vin|plate/.test(l))).toEqual([]);
  });

  it('stops when the analysis is cancelled', async () => {
    const controller = new AbortController();
    const run = ocrAnalyzer.run(analysisInput(invoice, 'document', 'image/png', undefined, controller.signal).input);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
