import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../common/canonical.ts';
import { ClaimDraft, FieldChanges } from '../../common/domain/case.ts';
import { allowedTransitions, transitionRefusal, CLAIM_STATUSES, POLICE_STATUSES } from '../../common/domain/workflow.ts';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../common/hlc.ts';
import { isValidVin, vinCheckDigit } from '../../common/domain/vin.ts';
import { claimDraft } from '../helpers/workspace.ts';

describe('claim workflow', () => {
  it('walks the normal lifecycle intake to closed', () => {
    const path = ['intake', 'investigation', 'assessment', 'approval', 'payment', 'closed'];
    for (let i = 0; i < path.length - 1; i++) expect(transitionRefusal('claim', path[i], path[i + 1])).toBeNull();
  });
  it('lets any open stage refer to SIU or deny, but not payment or closed', () => {
    for (const s of ['intake', 'investigation', 'assessment', 'approval']) {
      expect(allowedTransitions('claim', s)).toContain('referred_siu');
      expect(allowedTransitions('claim', s)).toContain('denied');
    }
    expect(allowedTransitions('claim', 'payment')).toEqual(['closed']);
  });
  it('refuses skipping ahead with a sentence naming the allowed moves', () => {
    expect(transitionRefusal('claim', 'intake', 'payment')).toBe('A case in Intake cannot move to Payment. From Intake it can go to: Investigation, Denied, Referred to SIU.');
    expect(transitionRefusal('claim', 'closed', 'closed')).toBe('The case is already in Closed.');
    expect(transitionRefusal('claim', 'intake', 'open')).toBe('"open" is not a status of a claim.');
    expect(transitionRefusal('police', 'open', 'referred_for_prosecution')).toMatch(/cannot move to Referred for prosecution/);
  });
  it('has no status that can never be left or never reached', () => {
    for (const [kind, statuses] of [['claim', CLAIM_STATUSES], ['police', POLICE_STATUSES]] as const) {
      const reached = new Set(statuses.flatMap((s) => allowedTransitions(kind, s)));
      for (const s of statuses) {
        expect(allowedTransitions(kind, s).length, `${s} is a dead end`).toBeGreaterThan(0);
        if (s !== 'intake' && s !== 'open') expect(reached.has(s), `${s} is unreachable`).toBe(true);
      }
    }
  });
});

describe('hybrid logical clock', () => {
  it('keeps order when the wall clock stalls or steps back', () => {
    let h = { wall: 0, counter: 0 };
    const seen: string[] = [];
    for (const now of [1000, 1000, 999, 500, 1001, 1001]) {
      h = tickHlc(h, now);
      seen.push(formatHlc(h));
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(parseHlc(seen[3])).toEqual({ wall: 1000, counter: 3 });
  });
  it('moves past a remote clock that is ahead', () => {
    expect(receiveHlc({ wall: 10, counter: 0 }, { wall: 50, counter: 4 }, 20)).toEqual({ wall: 50, counter: 5 });
    expect(receiveHlc({ wall: 10, counter: 0 }, { wall: 5, counter: 9 }, 20)).toEqual({ wall: 20, counter: 0 });
  });
});

describe('canonical JSON', () => {
  it('is independent of key order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('VIN check digit', () => {
  it('accepts real VINs and rejects a mistyped one', () => {
    expect(isValidVin('1HGCM82633A004352')).toBe(true);
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true); // check digit X
    expect(isValidVin('1HGCM82643A004352')).toBe(false);
    expect(vinCheckDigit('1HGCM8263IA004352')).toBeNull(); // I is never used in a VIN
  });
});

describe('claim input', () => {
  it('accepts a complete claim and rejects bad fields with a readable message', () => {
    expect(ClaimDraft.safeParse(claimDraft()).success).toBe(true);
    const bad = ClaimDraft.safeParse({ ...claimDraft(), amountClaimedCents: 12.5, vehicles: [{ vin: 'SHORT' }] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('amountClaimedCents: must be whole cents');
    expect(messages).toContain('vehicles.0.vin: must be 17 letters and digits (no I, O or Q)');
  });
  it('checks each edited field against its own rule', () => {
    expect(FieldChanges.safeParse({ 'incident.fault': 'third_party' }).success).toBe(true);
    const r = FieldChanges.safeParse({ 'incident.fault': 'aliens', colour: 'red' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['"colour" is not an editable field', expect.stringMatching(/^Fault /)]));
    expect(FieldChanges.safeParse({}).success).toBe(false);
  });
});
