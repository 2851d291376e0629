import { uuidv7 } from './ids.ts';
import type { ClaimDraft, Party, Vehicle } from '../common/domain/case.ts';
import { allowedTransitions, type ClaimStatus } from '../common/domain/workflow.ts';
import { vinCheckDigit } from '../common/domain/vin.ts';
import type { Actor, EventDraft } from './events/store.ts';
import type { Workspace } from './workspace.ts';

// A realistic, deterministic demo workspace: same seed, same claims, names and planted patterns.

const mulberry32 = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Amir', 'Chen', 'Priya', 'Fatima', 'Jonas', 'Aisha', 'Diego', 'Hannah', 'Kwame', 'Yuki', 'Sven', 'Grace', 'Omar', 'Lena', 'Tomás', 'Ingrid', 'Ravi', 'Zoe', 'Malik'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Nguyen', 'Okafor', 'Kowalski', 'Schmidt', 'Rossi', 'Dubois', 'Tanaka', 'Patel', 'Khan', 'Andersson', 'Murphy', 'Silva', 'Novak', 'Haddad', 'Fischer', 'Moreau', 'Ivanova', 'Osei', 'Lindqvist', 'Brennan', 'Castillo', 'Park', 'Weber'];
const STREETS = ['Oak Street', 'Maple Avenue', 'Harbour Road', 'Station Lane', 'Mill Road', 'Church Street', 'Elm Drive', 'Kingsway', 'Riverside', 'Victoria Road', 'Park Lane', 'High Street', 'Cedar Close', 'Bridge Street', 'Market Square'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Brookfield', 'Milltown', 'Ashford', 'Kingsport'];
const VEHICLES: [string, string][] = [['Toyota', 'Corolla'], ['Honda', 'Civic'], ['Ford', 'Focus'], ['Volkswagen', 'Golf'], ['BMW', '320i'], ['Audi', 'A4'], ['Tesla', 'Model 3'], ['Hyundai', 'Tucson'], ['Kia', 'Sportage'], ['Mercedes-Benz', 'C 200'], ['Skoda', 'Octavia'], ['Nissan', 'Qashqai']];
const SHOPS = ['Northside Collision', 'Precision Auto Body', 'Riverton Panel & Paint', 'QuickFix Motors', 'Lakeside Car Care', 'Kingsport Body Works', 'Ashford Auto Repair'];
const ADJUSTERS = ['Dana Reyes', 'Sam Whitfield', 'Priya Natarajan', 'Marcus Lee', 'Ellen Kowalczyk'];
const INVESTIGATORS = ['Det. Ruth Okonkwo', 'Det. Alan Brandt', 'Det. Maria Santos'];
const DESCRIPTIONS = [
  'Rear-ended while stationary at a red light.',
  'Side-swiped by a vehicle changing lanes on the ring road.',
  'Reversed into a bollard in a supermarket car park.',
  'Hit a deer on a country road at dusk.',
  'Hail damage to roof and bonnet while parked outside.',
  'Collision at a roundabout; other driver failed to give way.',
  'Vehicle broken into overnight; window smashed and stereo taken.',
  'Front-end collision in slow traffic on the motorway.',
];
const OFFENCES = ['Insurance fraud (staged collision)', 'Insurance fraud (inflated repair invoice)', 'Identity fraud', 'Document forgery', 'Vehicle theft and false report'];

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

export type DemoOptions = { seed: number; claims: number; policeCases: number };

/** Builds the demo workspace's events; appends them in signed batches of `batchSize`. */
export const createDemoWorkspace = async (ws: Workspace, options: DemoOptions, onProgress?: (done: number, total: number) => void, signal?: AbortSignal) => {
  const rand = mulberry32(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const phone = () => `+1 555 ${digits(3)} ${digits(4)}`;
  const address = () => `${int(1, 240)} ${pick(STREETS)}, ${pick(CITIES)}`;
  const plate = () => `${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}${digits(2)} ${Array.from({ length: 3 }, () => String.fromCharCode(65 + int(0, 25))).join('')}`;
  const vin = () => {
    const body = Array.from({ length: 17 }, () => VIN_CHARS[int(0, VIN_CHARS.length - 1)]).join('');
    const check = vinCheckDigit(body.slice(0, 8) + '0' + body.slice(9)) ?? '0';
    return body.slice(0, 8) + check + body.slice(9);
  };
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  const DAY = 86_400_000;
  const today = Date.UTC(2026, 10, 15);

  // Planted patterns a fraud team looks for.
  const ringPhone = '+1 555 010 7734';
  const ringAddress = '17 Harbour Road, Kingsport';
  const ringShop = 'Harbourside Express Repairs';

  const seen = new Set<string>();
  const claimIds: string[] = [];
  const drafts: EventDraft[] = [];
  let eventsWritten = 0;
  const total = options.claims + options.policeCases;

  for (let i = 0; i < options.claims; i++) {
    const ring = i % 97 === 5; // shares a phone and address with unrelated claims
    const freshPolicy = i % 53 === 7; // filed days after policy inception
    const late = i % 41 === 3; // reported weeks after the incident
    const incidentAt = today - int(1, 720) * DAY + int(6, 22) * 3_600_000;
    const inception = freshPolicy ? incidentAt - int(2, 9) * DAY : incidentAt - int(60, 2400) * DAY;
    const reportedAt = incidentAt + (late ? int(35, 120) : int(0, 6)) * DAY + int(1, 8) * 3_600_000;
    const claimant = person();
    const [make, model] = pick(VEHICLES);
    const parties: Omit<Party, 'id'>[] = [
      {
        role: 'claimant',
        name: claimant,
        phone: ring ? ringPhone : phone(),
        email: `${claimant.toLowerCase().replace(/[^a-z]+/g, '.')}${int(1, 99)}@example.com`,
        address: ring ? ringAddress : address(),
        licenceNumber: `D${digits(8)}`,
        dateOfBirth: isoDay(Date.UTC(int(1950, 2004), int(0, 11), int(1, 28))),
      },
    ];
    if (rand() < 0.55) parties.push({ role: 'third_party', name: person(), phone: phone(), address: address() });
    const witnesses = rand() < 0.3;
    if (witnesses) parties.push({ role: 'witness', name: person(), phone: phone() });
    const vehicles: Omit<Vehicle, 'id'>[] = [{ vin: vin(), plate: plate(), make, model, year: int(2008, 2026) }];
    const policeReport = rand() < 0.45;
    const draft: ClaimDraft = {
      claimNumber: `CLM-${new Date(reportedAt).getUTCFullYear()}-${String(100000 + i).padStart(6, '0')}`,
      policy: {
        number: `POL-${digits(8)}`,
        type: pick(['liability', 'collision', 'comprehensive', 'all_perils'] as const),
        inceptionDate: isoDay(inception),
        insuredValueCents: int(4000, 65000) * 100,
        deductibleCents: pick([250, 500, 750, 1000]) * 100,
      },
      parties,
      vehicles,
      incident: {
        occurredAt: isoMinute(incidentAt),
        place: `${pick(STREETS)}, ${pick(CITIES)}`,
        description: pick(DESCRIPTIONS),
        policeReportFiled: policeReport,
        policeReportNumber: policeReport ? `PR-${digits(7)}` : undefined,
        witnessesPresent: witnesses,
        fault: pick(['policyholder', 'third_party', 'shared', 'unknown'] as const),
      },
      amountClaimedCents: (ring || i % 29 === 0 ? int(9000, 38000) : int(400, 14000)) * 100 + int(0, 99),
      repairShop: ring || i % 11 === 4 ? ringShop : pick(SHOPS),
      assignee: pick(ADJUSTERS),
      reportedAt: isoMinute(reportedAt),
    };
    const created = ws.cases.claimEvent(draft, seen);
    created.actor = { name: 'Claims intake', role: 'adjuster' };
    drafts.push(created);
    claimIds.push(created.caseId);

    // Walk the claim some way through its lifecycle, as its assignee.
    const adjuster: Actor = { name: draft.assignee ?? pick(ADJUSTERS), role: 'adjuster' };
    let status: ClaimStatus = 'intake';
    const steps = ring ? 2 : int(0, 6);
    for (let s = 0; s < steps; s++) {
      const options = allowedTransitions('claim', status).filter((t) => t !== 'closed' || status === 'payment' || status === 'denied') as ClaimStatus[];
      const forward = options[0];
      const to: ClaimStatus = ring && s === 1 ? 'referred_siu' : rand() < 0.85 ? forward : pick(options);
      if (!to) break;
      drafts.push({ caseId: created.caseId, type: 'case.transitioned', payload: { from: status, to, reason: reasonFor(to) }, actor: adjuster });
      status = to;
      if (status === 'closed') break;
    }
    if (rand() < 0.35 || ring || late || freshPolicy) {
      const text = ring
        ? `Claimant phone ${ringPhone} also appears on other open claims; referred for a closer look.`
        : late
          ? 'Incident reported more than a month after it happened; asked the claimant why.'
          : freshPolicy
            ? 'Policy incepted only days before the incident. Requested proof of prior insurance.'
            : 'Spoke with the claimant; photos of the damage requested.';
      drafts.push({ caseId: created.caseId, type: 'note.added', payload: { noteId: uuidv7(), text }, actor: adjuster });
    }
    if (rand() < 0.25) {
      drafts.push({ caseId: created.caseId, type: 'task.added', payload: { taskId: uuidv7(), title: pick(['Request repair estimate', 'Call third party', 'Obtain police report', 'Inspect vehicle']), dueDate: isoDay(today + int(1, 20) * DAY) }, actor: adjuster });
    }
    if (drafts.length >= 2000) await flush();
  }

  for (let i = 0; i < options.policeCases; i++) {
    const linked = claimIds.length > 0 ? [claimIds[(i * 97 + 5) % claimIds.length]] : [];
    const investigator: Actor = { name: pick(INVESTIGATORS), role: 'investigator' };
    const caseId = uuidv7();
    drafts.push({
      caseId,
      type: 'policeCase.created',
      actor: investigator,
      payload: {
        policeCase: { caseNumber: `PC-2026-${String(4000 + i).padStart(5, '0')}`, offenceType: pick(OFFENCES), summary: 'Referred by an insurer special investigations unit.', linkedClaimIds: linked, assignee: investigator.name },
        parties: [{ id: uuidv7(), role: 'suspect', name: person(), phone: i % 3 === 0 ? ringPhone : phone(), address: i % 3 === 0 ? ringAddress : address() }],
      },
    });
    if (rand() < 0.7) drafts.push({ caseId, type: 'case.transitioned', actor: investigator, payload: { from: 'open', to: 'under_investigation', reason: 'Evidence received from the insurer.' } });
  }
  await flush();
  onProgress?.(total, total);

  // Yields between batches so core keeps answering other calls while the demo is written.
  async function flush() {
    for (let i = 0; i < drafts.length; i += 1000) {
      // Cancelled: what is written stays (each batch is whole and signed); nothing more is added.
      if (signal?.aborted) throw new Error('The demo workspace was cancelled.');
      ws.cases.append(drafts.slice(i, i + 1000));
      await new Promise((resolve) => setImmediate(resolve));
    }
    eventsWritten += drafts.length;
    drafts.length = 0;
    onProgress?.(Math.min(claimIds.length, total), total);
  }
  return { claims: options.claims, policeCases: options.policeCases, events: eventsWritten };
};

const reasonFor = (to: ClaimStatus): string =>
  ({
    intake: 'Reopened.',
    investigation: 'Coverage confirmed; gathering statements and photos.',
    assessment: 'Statements and photos received; assessing damage.',
    approval: 'Repair estimate in line with damage; recommend approval.',
    payment: 'Approved for payment.',
    closed: 'Settled and closed.',
    denied: 'Damage inconsistent with the reported incident.',
    referred_siu: 'Red flags found: shared contact details with other claims.',
  })[to];
