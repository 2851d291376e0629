import { isValidVin } from '../../common/domain/vin.ts';

// What OCR text says about a claim: VINs (with the ISO 3779 check digit), number plates, dates and money
// amounts, and how they compare with the claim's own fields. Pure functions, so each rule has a unit test.

export type ExtractedVin = { vin: string; checkDigitValid: boolean };
export type ExtractedDate = { text: string; iso: string };
export type ExtractedAmount = { text: string; cents: number };
export type Extracted = { vins: ExtractedVin[]; plates: string[]; dates: ExtractedDate[]; amounts: ExtractedAmount[] };

/** Upper-case letters and digits only: how plates and VINs are compared. */
export const compact = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

// VINs never contain I, O or Q, so in a 17-character run OCR's O/Q are zeros and I is a one.
const vinFix = (s: string) => s.replace(/[OQ]/g, '0').replace(/I/g, '1');

const LABEL = /^(?:VIN|FIN|CHASSIS(?:NO)?|VINNO)/;

export const findVins = (text: string): ExtractedVin[] => {
  const found = new Map<string, ExtractedVin>();
  const consider = (raw: string, standalone: boolean) => {
    const candidate = vinFix(raw);
    if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(candidate) || !/[A-Z]/.test(candidate) || !/\d/.test(candidate)) return;
    const valid = isValidVin(candidate);
    // A run pieced together from several words is only believed when its check digit holds.
    if (valid || standalone) found.set(candidate, { vin: candidate, checkDigitValid: valid });
  };
  for (const line of text.toUpperCase().split('\n')) {
    const tokens = line.split(/[\s:;,()/]+/).map((t) => t.replace(/[-.]/g, '')).filter(Boolean);
    for (let i = 0; i < tokens.length; i++) {
      // OCR often glues the label to the number ("VIN:1HGC..." read as "VIN1HGC...").
      const token = tokens[i].length > 17 ? tokens[i].replace(LABEL, '') : tokens[i];
      if (token.length === 17) consider(token, true);
      // A VIN may be printed in groups ("WDB 124022 7A 123456").
      let joined = token;
      for (let j = i + 1; j < tokens.length && joined.length < 17; j++) {
        joined += tokens[j];
        if (joined.length === 17) consider(joined, false);
      }
    }
  }
  return [...found.values()];
};

// Common plate shapes: UK (AB12 CDE), EU/US mixes of 1-3 letters and 1-4 digits, with optional separators.
// A plate is not part of a longer number (a date, an amount, a phone number): hence the look-arounds.
const NOT_NUMBER_BEFORE = String.raw`(?<![\d.,] ?)`;
const NOT_NUMBER_AFTER = String.raw`(?! ?[.,]?\d)`;
const PLATE_PATTERNS = [
  String.raw`\b[A-Z]{2}\d{2}[ -]?[A-Z]{3}\b`, // UK
  String.raw`\b[A-Z]{1,3}(?:[ -][A-Z]{1,2})?[ -]?\d{1,4}[A-Z]{0,2}\b`, // DE / FR / NL style
  String.raw`\b\d{1,3}[ -]?[A-Z]{2,3}[ -]?\d{2,4}\b`, // US / FR style
  String.raw`\b[A-Z0-9]{2,4}[ -][A-Z0-9]{2,4}\b`,
].map((p) => new RegExp(NOT_NUMBER_BEFORE + p + NOT_NUMBER_AFTER, 'g'));

export const findPlates = (text: string, vins: ExtractedVin[] = []): string[] => {
  const plates = new Set<string>();
  const upper = text.toUpperCase();
  for (const pattern of PLATE_PATTERNS) {
    for (const m of upper.matchAll(pattern)) {
      if (/^\d[\d .-]*$/.test(m[0])) continue;
      const c = compact(m[0]);
      if (c.length < 5 || c.length > 8 || !/[A-Z]/.test(c) || !/\d/.test(c)) continue;
      if (vins.some((v) => v.vin.includes(c))) continue;
      plates.add(c);
    }
  }
  return [...plates];
};

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1950 && y <= 2100 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;

/** ISO (2026-03-14), day-first (14/03/2026, 14.03.2026) and written (14 March 2026) dates. Day-first is assumed for d/m/y. */
export const findDates = (text: string): ExtractedDate[] => {
  const out = new Map<string, ExtractedDate>();
  for (const m of text.matchAll(/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDate(y, mo, d)) out.set(m[0], { text: m[0], iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  for (const m of text.matchAll(/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/g)) {
    let [d, mo] = [Number(m[1]), Number(m[2])];
    const y = Number(m[3]);
    if (mo > 12 && d <= 12) [d, mo] = [mo, d]; // clearly month-first
    if (validDate(y, mo, d)) out.set(m[0], { text: m[0], iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  for (const m of text.matchAll(/\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b/g)) {
    const mo = months.indexOf(m[2].toUpperCase()) + 1;
    const [d, y] = [Number(m[1]), Number(m[3])];
    if (mo && validDate(y, mo, d)) out.set(m[0], { text: m[0], iso: `${y}-${pad(mo)}-${pad(d)}` });
  }
  return [...out.values()];
};

/** Money: a currency sign or code next to a number, or a number with two decimals after "total"/"amount". */
export const findAmounts = (text: string): ExtractedAmount[] => {
  const out = new Map<string, ExtractedAmount>();
  const toCents = (raw: string): number | null => {
    let s = raw.replace(/\s/g, '');
    // 1.234,56 (comma decimals) vs 1,234.56 (point decimals)
    if (/,\d{2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
    const v = Number(s);
    return Number.isFinite(v) ? Math.round(v * 100) : null;
  };
  const patterns = [
    /(?:[$€£]|\b(?:USD|EUR|GBP|CHF)\b)\s?(\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?)/gi,
    /(\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?)\s?(?:[$€£]|\b(?:USD|EUR|GBP|CHF)\b)/gi,
    /\b(?:TOTAL|AMOUNT|SUM|BALANCE)\b[^\d\n]{0,12}(\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|\d+[.,]\d{2})/gi,
  ];
  for (const p of patterns) {
    for (const m of text.matchAll(p)) {
      const cents = toCents(m[1]);
      if (cents !== null && cents > 0 && !out.has(String(cents))) out.set(String(cents), { text: m[0].trim(), cents });
    }
  }
  return [...out.values()];
};

export const extractFromText = (text: string): Extracted => {
  const vins = findVins(text);
  return { vins, plates: findPlates(text, vins), dates: findDates(text), amounts: findAmounts(text) };
};
