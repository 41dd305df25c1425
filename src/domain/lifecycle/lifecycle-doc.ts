// docs/LIFECYCLE.md, from a rules pack: a Mermaid state diagram and tables of the stages, events, paths and
// who may raise. Pure: the lifecycle table's `leadsTo` is a function, so the targets are found by calling it
// for every combination that can matter (each path, each value of each choice fact, Alternative or not).
// scripts/lifecycle-doc.ts writes the file.
import type {
  EligibilityCondition,
  EligibilityRule,
  EligibilityRules,
  OrganisationMatch,
} from '../eligibility/eligibility.models.ts';
import type { RulesPack } from '../rules-pack.ts';
import type { EventDef, LifecycleRules } from './lifecycle.models.ts';

/** One thing `leadsTo` may depend on, with the values it is tried with ('' for an optional fact left out). */
interface Dimension {
  kind: 'fact' | 'path' | 'alternative';
  name: string;
  values: readonly string[];
}

/** A condition: the dimension has one of these values. A list of them is a conjunction. */
interface Clause {
  dimension: Dimension;
  values: readonly string[];
}

export interface Outcome {
  /** The stage it leads to; null when the proposal stays (or comes back to the stage it is in). */
  target: string | null;
  /** Any one of these conjunctions; `[[]]` when it always leads there. */
  when: readonly (readonly Clause[])[];
}

export interface Transition {
  event: EventDef;
  /** null for an event that starts a history. */
  from: string | null;
  outcomes: readonly Outcome[];
}

function product(dimensions: readonly Dimension[]): string[][] {
  return dimensions.reduce<string[][]>(
    (combos, d) => combos.flatMap((combo) => d.values.map((v) => [...combo, v])),
    [[]],
  );
}

function dimensionsOf(rules: LifecycleRules, def: EventDef): Dimension[] {
  const facts = def.facts
    .filter((f) => f.values !== undefined)
    .map((f): Dimension => ({
      kind: 'fact',
      name: f.name,
      values: [...(f.values ?? []), ...(f.required ? [] : [''])],
    }));
  const paths: Dimension[] = rules.paths.length
    ? [{ kind: 'path', name: 'path', values: rules.paths.map((p) => p.slug) }]
    : [];
  return [...facts, ...paths, { kind: 'alternative', name: 'alternative', values: ['false', 'true'] }];
}

function targetOf(def: EventDef, from: string | null, dimensions: readonly Dimension[], combo: string[]) {
  const facts: Record<string, string> = {};
  let path: string | null = null;
  let alternative = false;
  for (const [i, d] of dimensions.entries()) {
    const value = combo[i] ?? '';
    if (d.kind === 'path') path = value;
    else if (d.kind === 'alternative') alternative = value === 'true';
    else if (value !== '') facts[d.name] = value;
  }
  const state = {
    stage: from,
    openConsultations: [],
    pendingRequests: [],
    steps: from ? 1 : 0,
    lastOn: null,
  };
  const target = def.leadsTo({ proposal: { path, alternative }, facts, state });
  return target === from ? null : target;
}

/** Groups the tuples by their first value and merges the groups whose remainders read the same. */
function decompose(tuples: readonly (readonly string[])[], dimensions: readonly Dimension[]): Clause[][] {
  const [first, ...rest] = dimensions;
  if (tuples.length === 0) return [];
  if (!first) return [[]];
  const merged = new Map<string, { values: string[]; rest: Clause[][] }>();
  for (const value of first.values) {
    const group = tuples.filter((t) => t[0] === value).map((t) => t.slice(1));
    if (group.length === 0) continue;
    const sub = decompose(group, rest);
    const key = JSON.stringify(sub.map((conj) => conj.map((c) => [c.dimension.name, c.values])));
    const entry = merged.get(key);
    if (entry) entry.values.push(value);
    else merged.set(key, { values: [value], rest: sub });
  }
  return [...merged.values()].flatMap(({ values, rest: sub }) =>
    sub.map((conj) =>
      values.length === first.values.length ? conj : [{ dimension: first, values }, ...conj],
    ),
  );
}

function outcomesOf(rules: LifecycleRules, def: EventDef, from: string | null): Outcome[] {
  const dimensions = dimensionsOf(rules, def);
  const combos = product(dimensions);
  const targets = combos.map((combo) => targetOf(def, from, dimensions, combo));
  // A dimension matters when changing it alone changes the target.
  const relevant = dimensions
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => {
      const seen = new Map<string, string | null>();
      return combos.some((combo, c) => {
        const key = JSON.stringify(combo.filter((_, j) => j !== i));
        const target = targets[c] ?? null;
        if (!seen.has(key)) seen.set(key, target);
        return seen.get(key) !== target;
      });
    });
  const order = (t: string | null) => (t === null ? Infinity : rules.stages.findIndex((s) => s.slug === t));
  const distinct = [...new Set(targets)].sort((a, b) => order(a) - order(b));
  return distinct.map((target) => {
    const tuples = new Map<string, string[]>();
    for (const [c, combo] of combos.entries()) {
      if (targets[c] !== target) continue;
      const tuple = relevant.map(({ i }) => combo[i] ?? '');
      tuples.set(JSON.stringify(tuple), tuple);
    }
    return {
      target: target ?? null,
      when: decompose(
        [...tuples.values()],
        relevant.map(({ d }) => d),
      ),
    };
  });
}

/** Every event from every stage it may happen in, with where it leads, in table order. */
export function listTransitions(rules: LifecycleRules): Transition[] {
  return rules.events.flatMap((event) =>
    (event.from === 'start' ? [null] : event.from).map((from) => ({
      event,
      from,
      outcomes: outcomesOf(rules, event, from),
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The diagram.

function diagramValue(d: Dimension, value: string): string {
  if (d.kind === 'alternative') return value === 'true' ? 'alternative' : 'not alternative';
  return value === '' ? `no ${d.name}` : value;
}

/** Mermaid transition labels stay within [A-Za-z0-9_ ,()]: no colons, quotes or arrows. */
const mermaidLabel = (text: string) => text.replace(/[^A-Za-z0-9_ ,()]/g, '_');
const mermaidDescription = (text: string) => text.replaceAll('"', '#quot;');

/** An event only an import records: not a step of the process people follow. */
export const isImportOnly = (event: { recordedBy: readonly string[] }) =>
  event.recordedBy.every((a) => a === 'import');

export function renderMermaid(rules: LifecycleRules): string[] {
  const lines = ['stateDiagram-v2'];
  for (const stage of rules.stages)
    lines.push(`  state "${mermaidDescription(stage.label)}" as ${stage.slug}`);
  const transitions = listTransitions(rules);
  const startsAtInitial = transitions.some(
    (t) => t.from === null && t.outcomes.some((o) => o.target === rules.initialStage),
  );
  if (!startsAtInitial) lines.push(`  [*] --> ${rules.initialStage}`);
  for (const { event, from, outcomes } of transitions)
    for (const { target, when } of outcomes) {
      if (isImportOnly(event)) continue; // a device for loading registers (stage_declared): in the table only
      if (target === null) continue; // stays: listed in the events table, not drawn
      for (const conj of when) {
        const condition = conj
          .map((c) => c.values.map((v) => diagramValue(c.dimension, v)).join(' or '))
          .join(', ');
        const label = condition ? `${event.slug} (${condition})` : event.slug;
        lines.push(`  ${from ?? '[*]'} --> ${target} : ${mermaidLabel(label)}`);
      }
    }
  for (const stage of rules.stages) if (stage.final) lines.push(`  ${stage.slug} --> [*]`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// The tables.

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function conditionText(conj: readonly Clause[]): string {
  return conj
    .map(({ dimension: d, values }) => {
      if (d.kind === 'alternative') return values[0] === 'true' ? 'an Alternative' : 'not an Alternative';
      const shown = values.map((v) => (v === '' ? 'not given' : code(v))).join(' or ');
      return `${d.name} is ${shown}`;
    })
    .join(' and ');
}

function leadsToText(rules: LifecycleRules, transitions: readonly Transition[]): string {
  const label = (slug: string) => rules.stages.find((s) => s.slug === slug)?.label ?? slug;
  const texts = transitions.map(({ outcomes }) =>
    outcomes
      .map(({ target, when }) => {
        const where = target === null ? 'stays' : label(target);
        const conditions = when.map(conditionText).filter((c) => c !== '');
        return conditions.length ? `${where} if ${conditions.join(', or if ')}` : where;
      })
      .join('<br>'),
  );
  if (texts.every((t) => t === texts[0])) return texts[0] ?? 'stays';
  return transitions
    .map((t, i) => `from ${t.from === null ? 'the start' : label(t.from)}: ${texts[i] ?? ''}`)
    .join('<br>');
}

function eventRows(rules: LifecycleRules): string[][] {
  const transitions = listTransitions(rules);
  const label = (slug: string) => rules.stages.find((s) => s.slug === slug)?.label ?? slug;
  return rules.events.map((e) => {
    const facts = e.facts.map((f) => {
      const what = [f.required ? 'required' : 'optional', f.kind === 'choice' ? '' : f.kind]
        .filter(Boolean)
        .join(', ');
      return `${code(f.name)} (${what})${f.values ? `: ${f.values.map(code).join(', ')}` : ''}`;
    });
    const by = e.by ? `${e.by.committees.join(' or ')}${e.by.required ? ' (required)' : ''}` : '—';
    const leads = leadsToText(
      rules,
      transitions.filter((t) => t.event === e),
    );
    return [
      code(e.slug),
      e.label,
      e.from === 'start' ? 'first event only' : e.from.map(label).join(', '),
      by,
      e.recordedBy.join(', '),
      facts.length ? facts.join('<br>') : '—',
      e.convertsReference ? `${leads}; takes its converted reference` : leads,
    ];
  });
}

// ---------------------------------------------------------------------------------------------------------
// Who may raise.

function matchText(rules: EligibilityRules, match: OrganisationMatch): string {
  const parts = [
    match.categories?.map((c) => rules.categoryLabels[c] ?? code(c)).join(' or '),
    match.organisationIds && `the organisation ${match.organisationIds.map(code).join(' or ')}`,
    match.designations && `designated ${match.designations.map(code).join(' or ')}`,
    match.roles && `acting as ${match.roles.map(code).join(' or ')}`,
  ];
  return parts.filter((p) => p !== undefined && p !== '').join(' and ');
}

function conditionOfRule(condition: EligibilityCondition): string {
  if (condition.kind === 'reason_text') return `a reason in words (${condition.ask})`;
  const options = condition.allowed.map((o) => `${code(o.code)} (${o.label})`).join(', ');
  return `a reason, one of ${options}`;
}

function eligibilityRow(rules: EligibilityRules, rule: EligibilityRule, index: number): string[] {
  const matches = rule.matches === 'anyone' ? 'anyone' : rule.matches.map((m) => matchText(rules, m));
  return [
    String(index + 1),
    rule.citation,
    `${rule.description} (${code(rule.id)})`,
    typeof matches === 'string' ? matches : matches.join('; or '),
    rule.kinds.map((k) => rules.kindLabels[k]).join(', '),
    rule.effect === 'allow' ? rule.conditions.map(conditionOfRule).join('; and ') || 'none' : '—',
    rule.effect === 'allow' ? 'allow' : `refuse: ${rule.explanation}`,
  ];
}

// ---------------------------------------------------------------------------------------------------------

/** The lifecycle document, as Markdown (not yet through prettier). */
export function renderLifecycleDoc(pack: RulesPack): string {
  const { lifecycle: rules, eligibility } = pack;
  const dir = `src/codes/${pack.id.toLowerCase()}`;
  const section = `${eligibility.code} ${eligibility.section}`;
  return [
    `<!-- Generated from ${dir}/lifecycle.ts and ${dir}/eligibility.ts by \`node --import tsx scripts/lifecycle-doc.ts\`. Do not edit by hand: change the table and run it again. -->`,
    '',
    `# The ${pack.name} (${pack.id}) lifecycle`,
    '',
    'Each arrow is an event, labelled with its slug; brackets give the facts, path or Alternative status that decide where it leads. ' +
      'Events that leave a proposal in its stage, and `stage_declared`-like events that only an import records, are not drawn: the events table lists them.',
    '',
    '```mermaid',
    ...renderMermaid(rules),
    '```',
    '',
    '## Stages',
    '',
    `In process order. A proposal starts in ${rules.stages.find((s) => s.slug === rules.initialStage)?.label ?? rules.initialStage}.`,
    '',
    ...table(
      ['Stage', 'Label', 'Final', 'Description'],
      rules.stages.map((s) => [code(s.slug), s.label, s.final ? 'yes' : 'no', s.description]),
    ),
    '',
    '## Events',
    '',
    'Where an event leads is worked out from the table for each path, each value of each choice fact, and for an Alternative or not. ' +
      'Some events also have a guard (a consultation must be open to close it...) that the engine checks and this table does not show.',
    '',
    ...table(
      ['Event', 'Label', 'May happen in', 'Made by', 'Recorded by', 'Facts', 'Leads to'],
      eventRows(rules),
    ),
    '',
    '## Paths',
    '',
    ...table(
      ['Path', 'Label', 'The Change Board'],
      rules.paths.map((p) => [
        code(p.slug),
        p.label,
        p.changeBoardDecides ? 'decides' : 'recommends; the Authority decides',
      ]),
    ),
    '',
    `## Who may raise (${section})`,
    '',
    'The rules are tried in order and the first that applies (it matches the raiser and covers the kind asked for) decides: ' +
      'an allowing rule allows when its conditions hold, a refusing rule refuses. ' +
      `When no rule applies, the request is refused under ${section}.`,
    '',
    ...table(
      ['#', 'Citation', 'Rule', 'Matches', 'Kinds', 'Conditions', 'Decision'],
      eligibility.rules.map((rule, i) => eligibilityRow(eligibility, rule, i)),
    ),
    '',
  ].join('\n');
}
