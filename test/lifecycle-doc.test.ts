import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildLifecycleDoc, lifecycleDocPath } from '../scripts/lifecycle-doc.ts';
import { sec } from '../src/codes/sec/index.ts';
import { isImportOnly, renderLifecycleDoc } from '../src/domain/lifecycle/lifecycle-doc.ts';
import type { EventDef, LifecycleRules } from '../src/domain/lifecycle/lifecycle.models.ts';
import type { RulesPack } from '../src/domain/rules-pack.ts';

/** The lines of the Mermaid block of a rendered document. */
function mermaidLines(doc: string): string[] {
  const lines = doc.split('\n');
  const start = lines.indexOf('```mermaid');
  const end = lines.indexOf('```', start + 1);
  assert.ok(start >= 0 && end > start, 'the document has a ```mermaid block');
  return lines.slice(start + 1, end);
}

/** Whether the event can take a proposal out of `from`, trying every path, Alternative or not, and value. */
function canChangeStage(rules: LifecycleRules, def: EventDef, from: string | null): boolean {
  let factSets: Record<string, string>[] = [{}];
  for (const fact of def.facts)
    if (fact.values)
      factSets = factSets.flatMap((set) => fact.values?.map((v) => ({ ...set, [fact.name]: v })) ?? []);
  const state = { stage: from, openConsultations: [], pendingRequests: [], steps: 1, lastOn: null };
  return rules.paths.some((path) =>
    [false, true].some((alternative) =>
      factSets.some((facts) => {
        const target = def.leadsTo({ proposal: { path: path.slug, alternative }, facts, state });
        return target !== null && target !== from;
      }),
    ),
  );
}

describe('docs/LIFECYCLE.md', () => {
  test('the committed file is the rendering of the SEC table', async () => {
    const committed = readFileSync(lifecycleDocPath, 'utf8');
    assert.equal(
      committed,
      await buildLifecycleDoc(),
      'docs/LIFECYCLE.md is out of date with src/codes/sec: regenerate it with `node --import tsx scripts/lifecycle-doc.ts` and commit it',
    );
  });

  test('the diagram has every stage and every event people record that changes stage, and no other', () => {
    const lines = mermaidLines(renderLifecycleDoc(sec));
    const rules = sec.lifecycle;
    for (const stage of rules.stages)
      assert.ok(
        lines.includes(`  state "${stage.label}" as ${stage.slug}`),
        `the diagram declares the stage ${stage.slug}`,
      );
    for (const def of rules.events) {
      const froms = def.from === 'start' ? [null] : def.from;
      const drawn = lines.some((l) => new RegExp(` : ${def.slug}( \\(|$)`).test(l));
      const changes = !isImportOnly(def) && froms.some((from) => canChangeStage(rules, def, from));
      assert.equal(drawn, changes, `${def.slug} is ${changes ? '' : 'not '}drawn`);
    }
  });

  test('the diagram is plain Mermaid: slugs for states, and labels without colons or quotes', () => {
    const [header, ...rest] = mermaidLines(renderLifecycleDoc(sec));
    assert.equal(header, 'stateDiagram-v2');
    for (const line of rest)
      assert.match(
        line,
        /^ {2}(state "[^"]+" as [a-z_]+|(\[\*\]|[a-z_]+) --> (\[\*\]|[a-z_]+)( : [A-Za-z0-9_ ,()]+)?)$/,
      );
  });
});

describe('renderLifecycleDoc', () => {
  /** Three stages, two events: one starts a history, one's target depends on its outcome and the path. */
  const small: RulesPack = {
    ...sec, // the vocabularies the document does not show
    id: 'TEST',
    name: 'Test Code',
    lifecycle: {
      initialStage: 'draft',
      stages: [
        { slug: 'draft', label: 'Draft', description: 'Being written.', final: false },
        { slug: 'review', label: 'In review', description: 'Being reviewed.', final: false },
        { slug: 'closed', label: 'Closed', description: 'Done.', final: true },
      ],
      paths: [
        { slug: 'quick', label: 'Quick', changeBoardDecides: true },
        { slug: 'slow', label: 'Slow', changeBoardDecides: false },
      ],
      events: [
        {
          slug: 'opened',
          label: 'Opened',
          from: 'start',
          recordedBy: ['analyst'],
          facts: [],
          leadsTo: () => 'draft',
        },
        {
          slug: 'decided',
          label: 'Decided',
          from: ['draft'],
          recordedBy: ['panel'],
          facts: [{ name: 'outcome', kind: 'choice', required: true, values: ['accept', 'reject', 'later'] }],
          leadsTo: ({ proposal, facts }) =>
            facts.outcome === 'later'
              ? null
              : facts.outcome === 'accept' && proposal.path === 'slow'
                ? 'review'
                : 'closed',
        },
      ],
    },
    eligibility: {
      code: 'TEST',
      section: 'T1',
      kindLabels: sec.eligibility.kindLabels,
      categoryLabels: {},
      rules: [],
    },
  };

  test('a small table gives exactly these Mermaid lines', () => {
    assert.deepEqual(mermaidLines(renderLifecycleDoc(small)), [
      'stateDiagram-v2',
      '  state "Draft" as draft',
      '  state "In review" as review',
      '  state "Closed" as closed',
      '  [*] --> draft : opened',
      '  draft --> review : decided (accept, slow)',
      '  draft --> closed : decided (accept, quick)',
      '  draft --> closed : decided (reject)',
      '  closed --> [*]',
    ]);
  });

  test('an event that may leave the stage unchanged says "stays" in the events table', () => {
    const row = renderLifecycleDoc(small)
      .split('\n')
      .find((l) => l.startsWith('| `decided` |'));
    assert.ok(row);
    assert.match(row, /stays if outcome is `later`/);
    assert.match(row, /Closed if outcome is `accept` and path is `quick`, or if outcome is `reject`/);
  });

  test('the output is the same every time', () => {
    assert.equal(renderLifecycleDoc(sec), renderLifecycleDoc(sec));
  });
});
