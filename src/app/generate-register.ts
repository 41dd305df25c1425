// A synthetic but realistic SEC register in the modgov/v1 interchange format, for load tests, benchmarks
// and demos. Deterministic for a seed: one small seeded PRNG drives every choice, and no clock is read.
// Histories follow the SEC process (shared/reference/DOMAIN.md) in order, and stop at AS_OF at the latest.
import type {
  V1Committee,
  V1Event,
  V1Meeting,
  V1Organisation,
  V1Paper,
  V1Person,
  V1Proposal,
  V1Release,
} from '../domain/interchange/modgov-v1.models.ts';

export interface GenerateRegisterOptions {
  /** How many proposals, 1 to 10,000. */
  proposals: number;
  /** Any integer; the same seed gives the same register. */
  seed: number;
  /** Called every 1,000 proposals (and at the end) with how many are done. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

// The generator's output is modgov/v1, with the optional fields it always fills made required.
export type RegisterOrganisation = V1Organisation;
export type RegisterPerson = V1Person;
export type RegisterCommittee = V1Committee;
export type RegisterRelease = V1Release;
export type RegisterMeeting = V1Meeting;
export type RegisterEvent = V1Event;
export type RegisterProposal = V1Proposal &
  Required<
    Pick<
      V1Proposal,
      'leadAnalyst' | 'classification' | 'summary' | 'impacts' | 'affectedDocuments' | 'impactedParties'
    >
  >;
export type RegisterPaper = V1Paper &
  Required<Pick<V1Paper, 'meeting' | 'item' | 'classification' | 'author' | 'covers'>>;

export interface GeneratedRegister {
  format: 'modgov/v1';
  code: { id: string; name: string; administrator: string; changeTeamEmail: string };
  organisations: RegisterOrganisation[];
  people: RegisterPerson[];
  committees: RegisterCommittee[];
  releases: RegisterRelease[];
  meetings: RegisterMeeting[];
  proposals: RegisterProposal[];
  papers: RegisterPaper[];
}

/** The register's "today": nothing happens after it; proposals still running then are in flight. */
export const AS_OF = '2026-10-30';
export const MAX_PROPOSALS = 10_000;

// ---------------------------------------------------------------------------------------------------------
// Randomness and dates.

/** mulberry32: a tiny, fast, seeded 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** Up to n distinct items, in their original order. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const n = Math.min(items.length, this.int(min, max));
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
  }
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 (UTC), so date arithmetic is integer arithmetic. */
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
const iso = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
const parseDay = (s: string): number => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (d: number): number => (((d + 4) % 7) + 7) % 7;
/** Weekends, and the fixed-date bank holidays (1 January, 25 and 26 December). */
const isWorkingDay = (d: number): boolean => {
  if (weekday(d) === 0 || weekday(d) === 6) return false;
  const md = iso(d).slice(5);
  return md !== '01-01' && md !== '12-25' && md !== '12-26';
};
const nextWorkingDay = (d: number): number => {
  let x = d;
  while (!isWorkingDay(x)) x++;
  return x;
};
const addWorkingDays = (d: number, n: number): number => {
  let x = d;
  for (let i = 0; i < n; i++) x = nextWorkingDay(x + 1);
  return x;
};
/** The nth given weekday (0-6) of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = day(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = day(y, m + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// ---------------------------------------------------------------------------------------------------------
// The cast: organisations, people, committees.

const ORGANISATIONS: readonly RegisterOrganisation[] = [
  {
    id: 'secas',
    name: 'Smart Energy Code Administrator and Secretariat',
    shortName: 'SECAS',
    category: 'code_administrator',
  },
  {
    id: 'dcc',
    name: 'Data Communications Company',
    shortName: 'DCC',
    category: 'dcc',
    referredToAs: 'the DCC',
  },
  { id: 'british-gas', name: 'British Gas', category: 'large_supplier' },
  { id: 'edf-energy', name: 'EDF Energy', category: 'large_supplier' },
  { id: 'eon', name: 'E.ON', category: 'large_supplier' },
  { id: 'octopus-energy', name: 'Octopus Energy', category: 'large_supplier' },
  { id: 'ovo-energy', name: 'OVO Energy', category: 'large_supplier' },
  { id: 'scottishpower', name: 'ScottishPower', category: 'large_supplier' },
  { id: 'sse', name: 'SSE', category: 'large_supplier' },
  { id: 'npower', name: 'npower', category: 'large_supplier' },
  { id: 'good-energy', name: 'Good Energy', category: 'small_supplier' },
  { id: 'ecotricity', name: 'Ecotricity', category: 'small_supplier' },
  { id: 'utilita', name: 'Utilita Energy', category: 'small_supplier' },
  { id: 'so-energy', name: 'So Energy', category: 'small_supplier' },
  { id: 'utility-warehouse', name: 'Utility Warehouse', category: 'small_supplier' },
  { id: 'green-energy-uk', name: 'Green Energy UK', category: 'small_supplier' },
  { id: 'bryt-energy', name: 'Bryt Energy', category: 'small_supplier' },
  { id: 'example-energy', name: 'Example Energy Supply Ltd', category: 'small_supplier' },
  { id: 'ukpn', name: 'UK Power Networks', shortName: 'UKPN', category: 'electricity_network' },
  {
    id: 'nged',
    name: 'National Grid Electricity Distribution',
    shortName: 'NGED',
    category: 'electricity_network',
  },
  { id: 'northern-powergrid', name: 'Northern Powergrid', category: 'electricity_network' },
  { id: 'enwl', name: 'Electricity North West', shortName: 'ENWL', category: 'electricity_network' },
  { id: 'sp-energy-networks', name: 'SP Energy Networks', category: 'electricity_network' },
  {
    id: 'ssen',
    name: 'Scottish and Southern Electricity Networks',
    shortName: 'SSEN',
    category: 'electricity_network',
  },
  { id: 'cadent', name: 'Cadent Gas', category: 'gas_network' },
  { id: 'northern-gas-networks', name: 'Northern Gas Networks', category: 'gas_network' },
  { id: 'sgn', name: 'SGN', category: 'gas_network' },
  { id: 'wales-west-utilities', name: 'Wales & West Utilities', category: 'gas_network' },
  { id: 'example-other-user', name: 'Example Other User Ltd', category: 'other_sec_party' },
  { id: 'lowri-beck', name: 'Lowri Beck Services', category: 'other_sec_party' },
  { id: 'calvin-capital', name: 'Calvin Capital', category: 'other_sec_party' },
  { id: 'meter-asset-co', name: 'Meter Asset Company Ltd', category: 'other_sec_party' },
  { id: 'smart-services-co', name: 'Smart Services Co-operative', category: 'other_sec_party' },
  { id: 'energy-data-hub', name: 'Energy Data Hub Ltd', category: 'other_sec_party' },
  { id: 'citizens-advice', name: 'Citizens Advice', category: 'consumer_body' },
  { id: 'citizens-advice-scotland', name: 'Citizens Advice Scotland', category: 'consumer_body' },
  {
    id: 'ssc',
    name: 'Security Sub-Committee',
    shortName: 'SSC',
    category: 'sub_committee',
    referredToAs: 'the Security Sub-Committee (SSC)',
  },
  {
    id: 'opsg',
    name: 'Operations Group',
    shortName: 'OPSG',
    category: 'sub_committee',
    referredToAs: 'the Operations Group (OPSG)',
  },
  {
    id: 'tabasc',
    name: 'Technical Architecture and Business Architecture Sub-Committee',
    shortName: 'TABASC',
    category: 'sub_committee',
    referredToAs: 'the Technical Architecture and Business Architecture Sub-Committee (TABASC)',
  },
  {
    id: 'smki-pma',
    name: 'SMKI Policy Management Authority',
    shortName: 'SMKI PMA',
    category: 'sub_committee',
    referredToAs: 'the SMKI Policy Management Authority (SMKI PMA)',
  },
];

/** People per organisation, by category. */
const STAFF: Readonly<Record<string, number>> = {
  code_administrator: 16,
  dcc: 8,
  large_supplier: 5,
  small_supplier: 3,
  electricity_network: 3,
  gas_network: 3,
  other_sec_party: 3,
  consumer_body: 2,
  sub_committee: 1,
};

/** Who raises proposals, by organisation category (the code administrator may not). */
const PROPOSER_WEIGHTS: readonly (readonly [string, number])[] = [
  ['large_supplier', 30],
  ['dcc', 22],
  ['small_supplier', 12],
  ['electricity_network', 9],
  ['gas_network', 6],
  ['other_sec_party', 12],
  ['consumer_body', 3],
  ['sub_committee', 6],
];

const FIRST_NAMES = [
  'Adam', 'Alison', 'Amelia', 'Anita', 'Ben', 'Bradley', 'Catherine', 'Chris', 'Chun', 'Claire', 'Daniel',
  'David', 'Deborah', 'Eleanor', 'Emslie', 'Fatima', 'Fiona', 'Gareth', 'Gordon', 'Hannah', 'Harpreet',
  'Holly', 'Imran', 'Isla', 'James', 'Jasmine', 'Jordan', 'Joseph', 'Kate', 'Kieran', 'Laura', 'Liam',
  'Lucy', 'Mari', 'Mark', 'Megan', 'Mohammed', 'Natalie', 'Nia', 'Oliver', 'Olivia', 'Owen', 'Priya',
  'Rachel', 'Rhys', 'Robert', 'Ruth', 'Sam', 'Sarah', 'Simon', 'Sophie', 'Stuart', 'Tariq', 'Thomas',
  'Tom', 'Victoria', 'William', 'Yasmin', 'Zoe',
]; // prettier-ignore

const SURNAMES = [
  'Ahmed', 'Baker', 'Beard', 'Bennett', 'Brown', 'Campbell', 'Carter', 'Chen', 'Clarke', 'Cooper', 'Crase',
  'Crouch', 'Davies', 'Edwards', 'Evans', 'Fraser', 'Green', 'Hall', 'Harris', 'Hextall', 'Hughes', 'Hussain',
  'Jackson', 'James', 'Jones', 'Kaur', 'Khan', 'Lattimore', 'Law', 'Lewis', 'Macdonald', 'Martin', 'Mitchell',
  'Morgan', 'Morris', 'Murray', 'Nowak', 'Okafor', 'Owen', 'Patel', 'Phillips', 'Price', 'Reid', 'Roberts',
  'Robertson', 'Scott', 'Shah', 'Singh', 'Smith', 'Stewart', 'Taylor', 'Thomas', 'Thompson', 'Toda',
  'Trivella', 'Turner', 'Walker', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Young',
]; // prettier-ignore

const COMMITTEES: readonly RegisterCommittee[] = [
  { id: 'PANEL', name: 'SEC Panel' },
  { id: 'CSC', name: 'Change Sub-Committee', parent: 'PANEL' },
  { id: 'CB', name: 'Change Board', parent: 'PANEL' },
  { id: 'OPSG', name: 'Operations Group', parent: 'PANEL', impactHeading: 'Anticipated Operational Impacts' },
  {
    id: 'SSC',
    name: 'Security Sub-Committee',
    parent: 'PANEL',
    impactHeading: 'Anticipated Security Impacts',
  },
  {
    id: 'TABASC',
    name: 'Technical Architecture and Business Architecture Sub-Committee',
    parent: 'PANEL',
    impactHeading: 'Anticipated Technical Impacts',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Vocabulary for titles, summaries and impacts.

const DOCUMENTS: readonly (readonly [string, string])[] = [
  ['Section A', 'Definitions and Interpretation'],
  ['Section D', 'Modification Process'],
  ['Section E', 'Registration Data'],
  ['Section F', 'Smart Metering System Requirements'],
  ['Section G', 'Security'],
  ['Section H', 'DCC Services'],
  ['Section I', 'Data Privacy'],
  ['Section J', 'Charges'],
  ['Section L', 'Smart Metering Key Infrastructure'],
  ['Section M', 'General'],
  ['Section N', 'SMETS1 Meters'],
  ['Section X', 'Transition'],
  ['Appendix AB', 'Service Request Processing Document'],
  ['Appendix AD', 'DCC User Interface Specification'],
  ['Appendix AE', 'Message Mapping Catalogue'],
  ['Appendix AG', 'Incident Management Policy'],
  ['Appendix AH', 'Self-Service Interface Design Specification'],
  ['Appendix L', 'SMKI Recovery Procedure'],
  ['Appendix R', 'Common Test Scenarios Document'],
  ['Schedule 8', 'GB Companion Specification'],
  ['Schedule 11', 'SMETS2 Technical Specification'],
];

interface Topic {
  subject: string;
  short: string;
  documents: readonly string[];
  committees: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    subject: 'Non-GBCS Non-Mandated Alerts',
    short: 'Alerts',
    documents: ['Schedule 8', 'Appendix AD'],
    committees: ['OPSG', 'TABASC'],
  },
  {
    subject: 'Planned Maintenance',
    short: 'Planned Maintenance',
    documents: ['Section H'],
    committees: ['OPSG'],
  },
  {
    subject: 'the Full User Security Assessment',
    short: 'Security Assessment',
    documents: ['Section G'],
    committees: ['SSC'],
  },
  {
    subject: 'Service Request Variants',
    short: 'Service Requests',
    documents: ['Appendix AD', 'Appendix AB'],
    committees: ['OPSG', 'TABASC'],
  },
  {
    subject: 'SMETS2 Communications Hubs',
    short: 'Communications Hubs',
    documents: ['Section F', 'Schedule 11'],
    committees: ['OPSG', 'TABASC'],
  },
  {
    subject: 'the Smart Metering Key Infrastructure',
    short: 'SMKI',
    documents: ['Section L', 'Appendix L'],
    committees: ['SSC'],
  },
  {
    subject: 'Incident Management',
    short: 'Incident Management',
    documents: ['Appendix AG', 'Section H'],
    committees: ['OPSG'],
  },
  {
    subject: 'the Self-Service Interface',
    short: 'Self-Service Interface',
    documents: ['Appendix AH'],
    committees: ['OPSG'],
  },
  {
    subject: 'User Entry Process Testing',
    short: 'UEPT',
    documents: ['Appendix R', 'Section H'],
    committees: ['OPSG', 'TABASC'],
  },
  {
    subject: 'Privacy Assessments',
    short: 'Privacy Assessments',
    documents: ['Section I'],
    committees: ['SSC'],
  },
  {
    subject: 'SMETS1 Enrolment and Adoption',
    short: 'SMETS1 migration',
    documents: ['Section N', 'Section X'],
    committees: ['OPSG', 'TABASC', 'SSC'],
  },
  {
    subject: 'firmware updates to Devices',
    short: 'Firmware',
    documents: ['Section F', 'Appendix AD'],
    committees: ['OPSG', 'SSC', 'TABASC'],
  },
  {
    subject: 'Change of Supplier',
    short: 'Change of Supplier',
    documents: ['Section E', 'Appendix AB'],
    committees: ['OPSG'],
  },
  {
    subject: 'the DCC Gateway Connection',
    short: 'DCC Gateway',
    documents: ['Section H', 'Section G'],
    committees: ['OPSG', 'SSC'],
  },
  {
    subject: 'Anomaly Detection Thresholds',
    short: 'Anomaly Detection',
    documents: ['Section G', 'Appendix AB'],
    committees: ['SSC', 'OPSG'],
  },
  {
    subject: 'the Central Products List',
    short: 'CPL',
    documents: ['Section F'],
    committees: ['TABASC', 'OPSG'],
  },
  {
    subject: 'Dual Band Communications Hubs',
    short: 'Dual Band',
    documents: ['Schedule 11', 'Section F'],
    committees: ['TABASC', 'OPSG'],
  },
  {
    subject: 'DCC Charges',
    short: 'Charging',
    documents: ['Section J'],
    committees: [],
  },
  {
    subject: 'the Modification Process',
    short: 'Modifications',
    documents: ['Section D'],
    committees: [],
  },
  {
    subject: 'Performance Measurement Reporting',
    short: 'Reporting',
    documents: ['Section H', 'Section M'],
    committees: ['OPSG'],
  },
];

const TITLE_PATTERNS: readonly ((t: Topic, doc: string) => string)[] = [
  (t) => `Changes to ${t.subject}`,
  (t) => `Clarifying obligations for ${t.subject}`,
  (t) => `Improving ${t.subject}`,
  (t) => `Incorporation of ${t.subject} into the SEC`,
  (t) => `New ${t.short} methodology`,
  (t) => `${capitalise(t.subject)} for SMETS2 Devices`,
  (t) => `Removing the requirement for ${t.subject}`,
  (t, doc) => `Changes to ${doc} '${documentName(doc)}'`,
  (t, doc) => `Aligning ${doc} with ${t.subject}`,
  (t) => `${t.short}: notification timescales`,
  (t) => `Reporting on ${t.subject}`,
  (t) => `Updating ${t.short} assurance`,
];

const ACTORS = [
  'DCC Users',
  'Suppliers',
  'Network Operators',
  'Other SEC Parties',
  'Registration Data Providers',
  'Shared Resource Providers',
  'Meter Asset Providers',
];
const PROBLEMS = [
  'cannot tell which version of the obligation applies',
  'have to carry out manual workarounds',
  'receive messages with no contextual information',
  'are not given enough notice',
  'are required to repeat testing that adds no assurance',
  'face obligations that contradict each other',
  'have no means to opt out',
  'bear costs that are not shared fairly',
];
const CONSEQUENCES = [
  'This is an inefficient working practice and increases the risk of errors.',
  'This creates uncertainty and may lead to inconsistent implementations.',
  'As a result, consumers may experience a poorer smart metering service.',
  'This will continue until the SEC is amended.',
  'The Proposer believes this places an unnecessary burden on industry.',
  'This has been raised repeatedly at the Operations Group.',
];
const CONTEXTS = [
  (doc: string) =>
    `${doc} '${documentName(doc)}' sets out the current requirements, but it is silent on how they apply to SMETS2 Devices.`,
  (doc: string) =>
    `In ${2016 + (doc.length % 8)} the SEC Panel granted a derogation against these provisions; the derogation is due to expire.`,
  (doc: string) =>
    `The requirements in ${doc} were written before the SMETS1 Initial Operating Capacity and have not been revisited since.`,
  () => 'The DCC ran a trial of a new approach, which it reported to the Operations Group as a success.',
  () => 'BEIS has designated an uplift of the GB Companion Specification as part of the next SEC Release.',
];
const SOLUTIONS = [
  'This modification proposes to amend the SEC so that the obligations are clear and consistent.',
  'The Proposer suggests that the DCC publish the information on the Self-Service Interface instead.',
  'Solutions will not be discussed until the Change Sub-Committee has agreed the problem statement.',
  'The Proposer believes a SEC Release is the right vehicle for the change, with no transitional arrangements.',
  'The Working Group will consider whether a phased approach is needed.',
];
const LIST_INTROS = [
  'The Proposer has identified the following issues:',
  'The proposed changes are as follows:',
  'The Proposer would like the Working Group to consider:',
];
const LIST_ITEMS = [
  'notification timescales for Planned Maintenance',
  'the format of Alerts sent to DCC Users',
  'the assurance status set after a Security Assessment',
  'the testing required during User Entry Process Testing',
  'consequential changes to Appendix AD and Appendix AE',
  'reporting to the Operations Group',
  'the interaction with the Central Products List',
  'how SMETS1 Devices are treated',
  'the costs to Small Suppliers',
  'transitional arrangements',
];
const IMPACTS: Readonly<Record<string, readonly string[]>> = {
  OPSG: [
    'We do not anticipate any operational impacts from this modification.',
    'No operational impacts have been identified at this stage.',
    'We do not foresee any operational impacts as this modification will allow users to configure these alerts.',
    'The DCC plan to present to the Operations Group to discuss the operational impacts.',
    'Users may need to update their operational processes; the extent will be assessed during refinement.',
  ],
  SSC: [
    'We do not anticipate any security impacts from this modification.',
    'Users may be requested to participate in a further Security Assessment.',
    'The Security Sub-Committee will need to review the changes to the Security Controls Framework.',
    'No security impacts have been identified at this stage.',
  ],
  TABASC: [
    'We do not anticipate any technical impacts from this modification.',
    'The change may affect the technical architecture; TABASC will be asked for its views during refinement.',
    'Consequential changes to the DUIS and MMC schemas are likely.',
  ],
};

const IMPACTED_PARTIES = [
  'large_supplier',
  'small_supplier',
  'electricity_network',
  'gas_network',
  'network_party',
  'other_sec_party',
  'dcc',
  'shared_resource_provider',
];

const documentNames = new Map(DOCUMENTS);
function documentName(doc: string): string {
  return documentNames.get(doc) ?? doc;
}
function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------------------
// The generator.

const FIRST_YEAR = 2015;
const LAST_RAISED_YEAR = 2026;
const LAST_RELEASE_YEAR = 2030;
/** The Change Sub-Committee agrees problem statements from this date; the Panel did before. */
const CSC_FROM = day(2019, 1, 1);

export function generateRegister(options: GenerateRegisterOptions): GeneratedRegister {
  const n = options.proposals;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PROPOSALS) {
    throw new RangeError(`proposals must be an integer from 1 to ${MAX_PROPOSALS}, not ${n}`);
  }
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, not ${options.seed}`);
  const rnd = new Random(options.seed);
  const asOf = parseDay(AS_OF);

  // People: unique names and slugs. SECAS analysts sign papers for the "SECAS Team".
  const people: RegisterPerson[] = [];
  const usedNames = new Set<string>();
  const peopleByCategory = new Map<string, string[]>();
  const analysts: string[] = [];
  for (const org of ORGANISATIONS) {
    const count = STAFF[org.category] ?? 1;
    for (let i = 0; i < count; i++) {
      let name = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(SURNAMES)}`;
      while (usedNames.has(name)) name = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(SURNAMES)}`;
      usedNames.add(name);
      const person: RegisterPerson = { id: slugify(name), name, organisation: org.id };
      if (org.category === 'code_administrator') {
        person.team = 'SECAS Team';
        analysts.push(person.id);
      } else {
        const list = peopleByCategory.get(org.category) ?? [];
        list.push(person.id);
        peopleByCategory.set(org.category, list);
      }
      people.push(person);
    }
  }
  people.push({ id: 'sec-change', name: 'SEC Change', organisation: 'secas', kind: 'team' });

  // Releases: late February (last Thursday) and early November (first Thursday), one code version each.
  const releases: RegisterRelease[] = [];
  for (let y = FIRST_YEAR; y <= LAST_RELEASE_YEAR; y++) {
    for (const [m, d] of [
      [2, nthWeekday(y, 2, 4, -1)],
      [11, nthWeekday(y, 11, 4, 1)],
    ] as const) {
      releases.push({
        id: `${y}-${String(m).padStart(2, '0')}`,
        name: `${MONTHS[m - 1]} ${y} SEC Release`,
        date: iso(d),
        codeVersion: `${releases.length + 16}.0`,
      });
    }
  }
  const releaseDays = releases.map((r) => parseDay(r.date));

  // Monthly meetings. Decisions by a committee are taken at its meetings.
  const meetings: RegisterMeeting[] = [];
  const meetingDays = new Map<string, number[]>();
  const schedule: readonly (readonly [string, number, number, number])[] = [
    // committee, weekday, nth (-1 last), first year
    ['OPSG', 2, 1, FIRST_YEAR],
    ['PANEL', 5, 2, FIRST_YEAR],
    ['CB', 3, 4, FIRST_YEAR],
    ['CSC', 2, -1, 2019],
  ];
  for (const [committee, wd, nth, from] of schedule) {
    const days: number[] = [];
    for (let y = from; y <= LAST_RAISED_YEAR; y++) {
      for (let m = 1; m <= 12; m++) {
        let d = nthWeekday(y, m, wd, nth);
        while (!isWorkingDay(d)) d += 7;
        days.push(d);
        meetings.push({ committee, number: days.length, date: iso(d) });
      }
    }
    meetingDays.set(committee, days);
  }
  /** The committee's first meeting on or after d; Infinity when there is none. */
  const meetingOnOrAfter = (committee: string, d: number): number => {
    const days = meetingDays.get(committee) ?? [];
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((days[mid] ?? Infinity) < d) lo = mid + 1;
      else hi = mid;
    }
    return days[lo] ?? Infinity;
  };

  // Raised dates: working days spread over 2015 to AS_OF, numbered in date order.
  const start = day(FIRST_YEAR, 1, 5);
  const raisedDays = Array.from({ length: n }, () => nextWorkingDay(rnd.int(start, asOf - 3)));
  raisedDays.sort((a, b) => a - b);
  // Numbers from 1; 10,000 proposals are numbered from 0 so that none needs five digits.
  const firstNumber = n >= MAX_PROPOSALS ? 0 : 1;
  const width = n > 999 ? 4 : 3;

  const proposals: RegisterProposal[] = [];
  for (let i = 0; i < n; i++) {
    const raised = raisedDays[i] ?? start;
    const number = String(firstNumber + i).padStart(width, '0');
    const topic = rnd.pick(TOPICS);
    const doc = rnd.chance(0.7) ? rnd.pick(topic.documents) : rnd.pick(DOCUMENTS)[0];
    const title = rnd.pick(TITLE_PATTERNS)(topic, doc);
    const category = rnd.weighted(PROPOSER_WEIGHTS);
    const proposer = rnd.pick(peopleByCategory.get(category) ?? []);
    const leadAnalyst = rnd.chance(0.1) ? 'sec-change' : rnd.pick(analysts);
    const classification = rnd.weighted([
      ['white', 85],
      ['green', 10],
      ['amber', 5],
    ] as const);
    const summary = makeSummary(rnd, topic, doc);
    const impacts: Record<string, string> = {};
    for (const committee of ['OPSG', 'SSC', 'TABASC'] as const) {
      const relevant = topic.committees.includes(committee);
      const p =
        committee === 'OPSG' ? 0.9 : committee === 'SSC' ? (relevant ? 0.9 : 0.6) : relevant ? 0.7 : 0.15;
      if (rnd.chance(p)) impacts[committee] = rnd.pick(IMPACTS[committee] ?? []);
    }
    const affectedDocuments = [...new Set([doc, ...rnd.some(topic.documents, 0, 2)])];
    const impactedParties = rnd.chance(0.15) ? [] : rnd.some(IMPACTED_PARTIES, 1, 4);
    const base = {
      title,
      proposer,
      leadAnalyst,
      raised: iso(raised),
    };
    const rest = { classification, summary, impacts, affectedDocuments, impactedParties };

    if (rnd.chance(0.2)) {
      proposals.push({ id: `DP${number}`, ...base, stage: 'development', ...rest });
    } else {
      const path = rnd.weighted([
        ['self_governance', 70],
        ['authority_determined', 25],
        ['authority_led', 5],
      ] as const);
      const history = makeHistory(rnd, raised, path);
      const converted = history.some((e) => e.event === 'converted');
      const id = `${converted ? 'MP' : 'DP'}${number}`;
      // Path is settled when the DP converts; an unconverted DP has none yet.
      proposals.push(converted ? { id, ...base, path, ...rest, history } : { id, ...base, ...rest, history });
    }
    if ((i + 1) % 1000 === 0 || i + 1 === n) options.onProgress?.(i + 1, n);
  }

  /** A history following the SEC process; stops when a step would fall after AS_OF. */
  function makeHistory(r: Random, raised: number, path: string): RegisterEvent[] {
    const history: RegisterEvent[] = [];
    let t = raised;
    /** Records an event on or after t; false (and nothing recorded) when that is after AS_OF. */
    const at = (on: number, event: Omit<RegisterEvent, 'on'>): boolean => {
      const d = Math.max(on, t);
      if (d > asOf) return false;
      t = d;
      history.push({ on: iso(d), ...event });
      return true;
    };
    // Histories may also simply stop (in flight, or records not kept): a small chance at each step.
    const stops = () => r.chance(0.03);
    const withdraws = (p: number) =>
      r.chance(p) ? at(t + r.int(5, 60), { event: 'withdrawn' }) || true : false;

    at(raised, { event: 'raised' });
    if (stops() || withdraws(0.05)) return history;

    // Development: the problem statement is agreed and the DP converts.
    const convertDay = t + r.int(20, 150);
    const by = convertDay >= CSC_FROM && r.chance(0.85) ? 'CSC' : 'PANEL';
    if (!at(meetingOnOrAfter(by, convertDay), { event: 'converted', by })) return history;
    if (stops() || withdraws(0.03)) return history;

    // Refinement, or straight to the Report Phase.
    if (r.chance(0.65)) {
      if (!at(meetingOnOrAfter('PANEL', t), { event: 'refinement_started', by: 'PANEL' })) return history;
      if (r.chance(0.5)) {
        if (!at(t + r.int(1, 14), { event: 'preliminary_assessment_requested' })) return history;
        if (!at(t + r.int(30, 70), { event: 'preliminary_assessment_returned' })) return history;
      }
      for (let k = r.int(0, 4); k > 0; k--) {
        if (!at(nextWorkingDay(t + r.int(14, 45)), { event: 'working_group_meeting' })) return history;
      }
      if (r.chance(0.25)) {
        if (!at(t + r.int(1, 14), { event: 'impact_assessment_requested' })) return history;
        if (!at(t + r.int(40, 90), { event: 'impact_assessment_returned' })) return history;
      }
      if (r.chance(0.5)) {
        const opened = nextWorkingDay(t + r.int(3, 20));
        const closes = addWorkingDays(opened, 15);
        if (!at(opened, { event: 'consultation_opened', consultation: 'refinement', closes: iso(closes) })) {
          return history;
        }
        if (!at(closes, { event: 'consultation_closed', consultation: 'refinement' })) return history;
      }
      if (stops() || withdraws(0.06)) return history;
    }

    // Report Phase: the Panel approves the Modification Report; industry is consulted on it.
    if (
      !at(meetingOnOrAfter('PANEL', t + r.int(0, 30)), { event: 'modification_report_approved', by: 'PANEL' })
    ) {
      return history;
    }
    const opened = nextWorkingDay(t + r.int(1, 7));
    const closes = addWorkingDays(opened, 15);
    if (
      !at(opened, { event: 'consultation_opened', consultation: 'modification_report', closes: iso(closes) })
    ) {
      return history;
    }
    if (!at(closes, { event: 'consultation_closed', consultation: 'modification_report' })) return history;
    if (stops() || withdraws(0.02)) return history;

    // The Change Board votes; a deferred vote is run again at a later meeting.
    let outcome: 'approve' | 'reject' | 'deferred' = 'deferred';
    for (let votes = 0; outcome === 'deferred'; votes++) {
      outcome =
        votes >= 2
          ? r.weighted([['approve', 80], ['reject', 20]] as const) // prettier-ignore
          : r.weighted([['approve', 72], ['reject', 16], ['deferred', 12]] as const); // prettier-ignore
      if (!at(meetingOnOrAfter('CB', t + 1), { event: 'change_board_vote', by: 'CB', outcome }))
        return history;
    }

    // Authority paths: the Change Board recommends, the Authority decides.
    let approved = outcome === 'approve';
    if (path !== 'self_governance') {
      const decision = r.weighted([['approve', 85], ['reject', 15]] as const); // prettier-ignore
      if (!at(nextWorkingDay(t + r.int(20, 120)), { event: 'authority_decision', outcome: decision }))
        return history;
      approved = decision === 'approve';
    }
    if (!approved || stops()) return history;

    // Implemented in the first release at least a month after the decision.
    const ready = t + r.int(30, 60);
    const index = releaseDays.findIndex((d) => d >= ready);
    const release = releases[index];
    const releaseDay = releaseDays[index];
    if (!release || releaseDay === undefined) return history;
    at(releaseDay, { event: 'implemented', release: release.id });
    return history;
  }

  // The monthly "New Draft Proposals and Modification Proposals" paper for each Operations Group meeting,
  // issued 5 working days before it and covering the time since the previous one.
  const papers: RegisterPaper[] = [];
  const opsgDays = meetingDays.get('OPSG') ?? [];
  let coversFrom: number | null = null;
  opsgDays.forEach((meetingDay, index) => {
    let issued = meetingDay;
    for (let k = 0; k < 5; k++) {
      issued--;
      while (!isWorkingDay(issued)) issued--;
    }
    if (issued > asOf) return;
    const number = index + 1;
    const item = rnd.int(8, 20);
    const ddmm = iso(meetingDay).slice(8, 10) + iso(meetingDay).slice(5, 7);
    papers.push({
      reference: `OPSG_${number}_${ddmm}_${item}`,
      type: 'new_proposals_summary',
      meeting: { committee: 'OPSG', number },
      item,
      title: 'New Draft Proposals and Modification Proposals',
      action: 'for_discussion',
      classification: 'white',
      date: iso(issued),
      author: rnd.pick(analysts),
      covers: { from: iso(coversFrom ?? issued - 27), to: iso(issued) },
    });
    coversFrom = issued + 1;
  });

  return {
    format: 'modgov/v1',
    code: {
      id: 'SEC',
      name: 'Smart Energy Code',
      administrator: 'secas',
      changeTeamEmail: 'sec.change@gemserv.com',
    },
    organisations: ORGANISATIONS.map((o) => ({ ...o })),
    people,
    committees: COMMITTEES.map((c) => ({ ...c })),
    releases,
    meetings,
    proposals,
    papers,
  };
}

/** 1 to 4 Markdown paragraphs; some with a list. */
function makeSummary(r: Random, topic: Topic, doc: string): string {
  const paragraphs: string[] = [
    `${r.pick(ACTORS)} currently ${r.pick(PROBLEMS)} when dealing with ${topic.subject}. ${r.pick(CONSEQUENCES)}`,
  ];
  const extra = r.int(0, 3);
  for (let k = 0; k < extra; k++) {
    const kind = r.int(0, 2);
    if (kind === 0) paragraphs.push(r.pick(CONTEXTS)(doc));
    else if (kind === 1) paragraphs.push(r.pick(SOLUTIONS));
    else {
      const items = r.some(LIST_ITEMS, 2, 5).map((item, idx, all) => {
        const end = idx === all.length - 1 ? '.' : idx === all.length - 2 ? '; and' : ';';
        return `- ${capitalise(item)}${end}`;
      });
      paragraphs.push(`${r.pick(LIST_INTROS)}\n\n${items.join('\n')}`);
    }
  }
  return `${paragraphs.join('\n\n')}\n`;
}
