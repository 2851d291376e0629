// Canonical JSON: object keys sorted, no whitespace, undefined dropped. Hashes and signatures are taken over
// this form so that the same event always hashes the same, whoever serialised it.

/** A deep copy with every object's keys in sorted order; JSON.stringify of it is the canonical text. */
export const sortedCopy = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in event');
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortedCopy(v)));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source).sort()) {
    const v = source[k];
    if (v !== undefined) out[k] = sortedCopy(v);
  }
  return out;
};

export const canonicalJson = (value: unknown): string => JSON.stringify(sortedCopy(value));
