// ISO 3779 / FMVSS 115 VIN check digit (position 9), used to tell a real VIN from a mistyped or invented one.
const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export const vinCheckDigit = (vin: string): string | null => {
  const v = vin.toUpperCase();
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(v)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v[i];
    const value = c >= '0' && c <= '9' ? Number(c) : VALUES[c];
    sum += value * WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
};

export const isValidVin = (vin: string): boolean => vinCheckDigit(vin) === vin.toUpperCase()[8];
