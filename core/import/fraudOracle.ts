// The public "vehicle claim fraud" data set (fraud_oracle.csv, originally Angoss / Oracle Data Mining
// sample data) onto the claim model. The file has no names, addresses, exact dates or amounts, only bands,
// so this mapping is documented column by column in docs/import.md. Every source column that has no field
// in the claim model is written, by name, into the claim's incident description; the whole source row,
// including the FraudFound_P label, is kept in the import_sources table for evaluation and is never shown.

export const FRAUD_ORACLE_COLUMNS = [
  'Month', 'WeekOfMonth', 'DayOfWeek', 'Make', 'AccidentArea', 'DayOfWeekClaimed', 'MonthClaimed', 'WeekOfMonthClaimed',
  'Sex', 'MaritalStatus', 'Age', 'Fault', 'PolicyType', 'VehicleCategory', 'VehiclePrice', 'FraudFound_P', 'PolicyNumber',
  'RepNumber', 'Deductible', 'DriverRating', 'Days_Policy_Accident', 'Days_Policy_Claim', 'PastNumberOfClaims', 'AgeOfVehicle',
  'AgeOfPolicyHolder', 'PoliceReportFiled', 'WitnessPresent', 'AgentType', 'NumberOfSuppliments', 'AddressChange_Claim',
  'NumberOfCars', 'Year', 'BasePolicy',
] as const;

/** The columns the mapping reads; a header with all of them is taken for this data set. */
export const FRAUD_ORACLE_REQUIRED = ['Month', 'WeekOfMonth', 'DayOfWeek', 'Year', 'PolicyNumber', 'BasePolicy', 'Fault', 'FraudFound_P'] as const;

/** The evaluation label: kept beside the claim, never in it, never shown as a finding. */
export const FRAUD_ORACLE_LABEL = 'FraudFound_P';

/** Source columns with an exact home in the claim model; every other column goes into the description. */
const MAPPED_EXACTLY = new Set(['PolicyNumber', 'BasePolicy', 'Fault', 'PoliceReportFiled', 'WitnessPresent', 'Deductible', 'Make', FRAUD_ORACLE_LABEL]);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const POLICY_TYPES: Record<string, string> = { Liability: 'liability', Collision: 'collision', 'All Perils': 'all_perils' };
const FAULTS: Record<string, string> = { 'Policy Holder': 'policyholder', 'Third Party': 'third_party' };
/** Days from policy start to the accident, one representative value per band. */
const POLICY_AGE_DAYS: Record<string, number> = { none: 0, '1 to 7': 4, '8 to 15': 11, '15 to 30': 22, 'more than 30': 365 };

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * The Nth given weekday of a month (week 1 = the first such weekday), or the last one when the month has
 * fewer than N: "Mar, week 2, Friday" of 1995 is 10 March 1995; "Feb, week 5, Monday" of 1994 is 28 February.
 */
export const nthWeekday = (year: number, month0: number, weekday0: number, week: number): Date => {
  const firstWeekday = (new Date(Date.UTC(year, month0, 1)).getUTCDay() + 6) % 7; // Monday = 0
  let day = 1 + ((weekday0 - firstWeekday + 7) % 7) + (week - 1) * 7;
  const daysInMonth = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  while (day > daysInMonth) day -= 7;
  return new Date(Date.UTC(year, month0, day));
};

const yesNo = (v: string, column: string): boolean => {
  if (v === 'Yes') return true;
  if (v === 'No') return false;
  throw new Error(`${column} "${v}" must be Yes or No`);
};

const need = (r: Record<string, string>, column: string, allowed: readonly string[]): string => {
  const v = (r[column] ?? '').trim();
  if (!allowed.includes(v)) throw new Error(v === '' ? `${column} is empty` : `${column} "${v}" is not one of ${allowed.join(', ')}`);
  return v;
};

export type FraudOracleMapped = { draft: unknown; dedupeKey: string; label: string };

/** One source row as a claim draft (checked against ClaimDraft by the caller); throws naming the bad column. */
export const fraudOracleRowToDraft = (r: Record<string, string>, row: number): FraudOracleMapped => {
  const policyNumber = (r.PolicyNumber ?? '').trim();
  if (!/^\d{1,9}$/.test(policyNumber)) throw new Error(policyNumber === '' ? 'PolicyNumber is empty' : `PolicyNumber "${policyNumber}" is not a number`);
  const month0 = MONTHS.indexOf(need(r, 'Month', MONTHS));
  const week = Number(need(r, 'WeekOfMonth', ['1', '2', '3', '4', '5']));
  const weekday0 = WEEKDAYS.indexOf(need(r, 'DayOfWeek', WEEKDAYS));
  const yearText = (r.Year ?? '').trim();
  if (!/^(19|20)\d\d$/.test(yearText)) throw new Error(yearText === '' ? 'Year is empty' : `Year "${yearText}" is not a year`);
  const year = Number(yearText);
  const basePolicy = need(r, 'BasePolicy', Object.keys(POLICY_TYPES));
  const fault = need(r, 'Fault', Object.keys(FAULTS));
  const policyAge = need(r, 'Days_Policy_Accident', Object.keys(POLICY_AGE_DAYS));
  const label = need(r, FRAUD_ORACLE_LABEL, ['0', '1']);
  const deductible = (r.Deductible ?? '').trim();
  if (deductible !== '' && !/^\d+$/.test(deductible)) throw new Error(`Deductible "${deductible}" is not an amount`);

  const accident = nthWeekday(year, month0, weekday0, week);
  // The claim month is in the accident's year, or the next one when it comes earlier in the calendar.
  let reported: Date | undefined;
  const claimedMonth0 = MONTHS.indexOf((r.MonthClaimed ?? '').trim());
  const claimedWeekday0 = WEEKDAYS.indexOf((r.DayOfWeekClaimed ?? '').trim());
  const claimedWeek = Number((r.WeekOfMonthClaimed ?? '').trim());
  if (claimedMonth0 >= 0 && claimedWeekday0 >= 0 && Number.isInteger(claimedWeek) && claimedWeek >= 1 && claimedWeek <= 5) {
    reported = nthWeekday(claimedMonth0 < month0 ? year + 1 : year, claimedMonth0, claimedWeekday0, claimedWeek);
    if (reported < accident) reported = accident;
  }
  const inception = new Date(accident.getTime() - POLICY_AGE_DAYS[policyAge] * 86_400_000);

  const unmapped = FRAUD_ORACLE_COLUMNS.filter((c) => !MAPPED_EXACTLY.has(c) && r[c] !== undefined).map((c) => `${c}: ${r[c].trim() || '(empty)'}`);
  const extra = Object.keys(r).filter((c) => !(FRAUD_ORACLE_COLUMNS as readonly string[]).includes(c)).map((c) => `${c}: ${r[c].trim() || '(empty)'}`);
  const description = [
    `Imported from the vehicle claim fraud data set (fraud_oracle.csv), row ${row}.`,
    'The source has no names, addresses, exact dates or amounts: the incident, report and policy start dates are derived from its month, week-of-month, weekday and policy-age bands, and the amount claimed is recorded as 0.',
    `Source fields without a field here: ${[...unmapped, ...extra].join('; ')}.`,
  ].join(' ');
  const make = (r.Make ?? '').trim();

  return {
    dedupeKey: policyNumber,
    label,
    draft: {
      claimNumber: `FO-${policyNumber.padStart(5, '0')}`,
      policy: {
        number: policyNumber,
        type: POLICY_TYPES[basePolicy],
        inceptionDate: isoDate(inception),
        deductibleCents: deductible === '' ? undefined : Number(deductible) * 100,
      },
      incident: {
        occurredAt: `${isoDate(accident)}T12:00`,
        place: ['Urban', 'Rural'].includes((r.AccidentArea ?? '').trim()) ? `${r.AccidentArea.trim()} area` : '',
        description,
        policeReportFiled: yesNo((r.PoliceReportFiled ?? '').trim(), 'PoliceReportFiled'),
        witnessesPresent: yesNo((r.WitnessPresent ?? '').trim(), 'WitnessPresent'),
        fault: FAULTS[fault],
      },
      amountClaimedCents: 0,
      reportedAt: reported ? `${isoDate(reported)}T12:00` : undefined,
      parties: [{ role: 'insured', name: `Policyholder ${policyNumber}` }],
      vehicles: make && make !== 'null' ? [{ make }] : [],
    },
  };
};
