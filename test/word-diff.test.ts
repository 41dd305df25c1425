// The word diff (src/domain/text/word-diff.ts) as plain functions: which words it marks added and removed, what
// it keeps, how it treats white space and punctuation; and, over many generated texts, that its runs rebuild both
// texts and that it finds a longest common subsequence (checked against a plain dynamic programme).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diffWords,
  hasChanges,
  longestCommonSubsequence,
  tokenise,
  type DiffRun,
} from '../src/domain/text/word-diff.ts';

const rebuild = (runs: readonly DiffRun[], side: 'old' | 'new') =>
  runs
    .filter((r) => r.kind !== (side === 'old' ? 'added' : 'removed'))
    .map((r) => r.text)
    .join('');

/** The runs as a short string: [-removed-] {+added+}. */
const show = (runs: readonly DiffRun[]) =>
  runs
    .map((r) => (r.kind === 'same' ? r.text : r.kind === 'added' ? `{+${r.text}+}` : `[-${r.text}-]`))
    .join('');

/** A small deterministic generator (the tests must not vary from run to run). */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The length of a longest common subsequence, the slow and obvious way. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    let diagonal = 0;
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const below = row[j] ?? 0;
      row[j] = a[i] === b[j] ? diagonal + 1 : Math.max(below, row[j + 1] ?? 0);
      diagonal = below;
    }
  }
  return row[0] ?? 0;
}

describe('comparing two texts word by word', () => {
  it('marks the words added and removed, and keeps the rest as it was', () => {
    const runs = diffWords(
      'Alerts are sent to DCC Users with no context.',
      'Alerts are sent to all DCC Users with no contextual information.',
    );
    assert.equal(
      show(runs),
      'Alerts are sent to {+all +}DCC Users with no [-context-]{+contextual information+}.',
    );
    assert.deepEqual(
      runs.filter((r) => r.kind === 'added').map((r) => r.text),
      ['all ', 'contextual information'],
    );
    assert.deepEqual(
      runs.filter((r) => r.kind === 'removed').map((r) => r.text),
      ['context'],
    );
  });

  it('marks a word removed on its own', () => {
    assert.equal(
      show(diffWords('The DCC must publish the schedule.', 'The DCC must publish schedule.')),
      'The DCC must publish [-the -]schedule.',
    );
  });

  it('treats punctuation as its own token: changing a full stop to a comma marks only those', () => {
    assert.equal(show(diffWords('the cost.', 'the cost,')), 'the cost[-.-]{+,+}');
    assert.deepEqual(tokenise('non-GBCS alerts, don’t.'), [
      'non-GBCS',
      ' ',
      'alerts',
      ',',
      ' ',
      'don’t',
      '.',
    ]);
  });

  it('keeps a changed phrase whole rather than interleaving words with the spaces between them', () => {
    assert.deepEqual(diffWords('a b c', 'x y z'), [
      { kind: 'removed', text: 'a b c' },
      { kind: 'added', text: 'x y z' },
    ]);
    assert.equal(show(diffWords('It is high. Now', 'It is low! Now')), 'It is [-high.-]{+low!+} Now');
  });

  it('marks a change of white space, and keeps line breaks', () => {
    assert.equal(show(diffWords('one two', 'one  two')), 'one[- -]{+  +}two');
    assert.equal(
      show(diffWords('First paragraph.\n\nSecond.', 'First paragraph.\n\nSecond one.')),
      'First paragraph.\n\nSecond{+ one+}.',
    );
  });

  it('gives no changes for identical texts', () => {
    const text = 'Many DCC Users only recognise Alerts defined in GBCS.\n\n- one\n- two';
    const runs = diffWords(text, text);
    assert.deepEqual(runs, [{ kind: 'same', text }]);
    assert.equal(hasChanges(runs), false);
    assert.deepEqual(diffWords('', ''), []);
  });

  it('from nothing, or to nothing, is all added or all removed', () => {
    assert.deepEqual(diffWords('', 'new text'), [{ kind: 'added', text: 'new text' }]);
    assert.deepEqual(diffWords('old text', ''), [{ kind: 'removed', text: 'old text' }]);
  });

  it('over many generated texts: same + removed rebuilds the old text, same + added the new', () => {
    const random = generator(20191105);
    const words = [
      'the',
      'DCC',
      'alert',
      'alerts',
      'is',
      'not',
      '.',
      ',',
      ' ',
      ' ',
      ' ',
      '  ',
      '\n',
      '\n\n',
      'SEC’s',
      'non-GBCS',
    ];
    const text = () =>
      Array.from(
        { length: Math.floor(random() * 40) },
        () => words[Math.floor(random() * words.length)],
      ).join('');
    for (let i = 0; i < 2000; i += 1) {
      const before = text();
      const after = random() < 0.3 ? before : text();
      const runs = diffWords(before, after);
      assert.equal(rebuild(runs, 'old'), before, `old text of ${JSON.stringify([before, after])}`);
      assert.equal(rebuild(runs, 'new'), after, `new text of ${JSON.stringify([before, after])}`);
      assert.equal(hasChanges(runs), before !== after);
      // no empty runs, and no two runs of the same kind side by side
      for (const [k, run] of runs.entries()) {
        assert.notEqual(run.text, '');
        assert.notEqual(run.kind, runs[k + 1]?.kind);
      }
    }
  });

  it('finds a longest common subsequence: as long as the slow way finds, every pair matching and in order', () => {
    const random = generator(42);
    for (let i = 0; i < 3000; i += 1) {
      const alphabet = 1 + Math.floor(random() * 5);
      const sequence = () =>
        Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * alphabet));
      const a = sequence();
      const b = sequence();
      const pairs = longestCommonSubsequence(a, b);
      assert.equal(pairs.length, lcsLength(a, b), JSON.stringify([a, b]));
      for (const [k, [x, y]] of pairs.entries()) {
        assert.equal(a[x], b[y]);
        const previous = pairs[k - 1];
        if (previous) assert.ok(x > previous[0] && y > previous[1]);
      }
    }
  });

  it('stays quick on long texts with nothing in common, and still accounts for every word', () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old${i}`).join(' ');
    const after = Array.from({ length: 6000 }, (_, i) => `new${i}`).join(' ');
    const started = performance.now();
    const runs = diffWords(before, after);
    assert.ok(performance.now() - started < 5000, 'took too long');
    assert.equal(rebuild(runs, 'old'), before);
    assert.equal(rebuild(runs, 'new'), after);
  });
});
