import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { secEligibility } from '../src/codes/sec/eligibility.ts';
import { secRegister } from '../src/codes/sec/register.ts';
import { checkEligibility } from '../src/domain/eligibility/check-eligibility.ts';
import type {
  EligibilityDecision,
  EligibilityRequest,
  EligibilityRules,
} from '../src/domain/eligibility/eligibility.models.ts';
import { listEligibilityRuleProblems } from '../src/domain/eligibility/list-eligibility-rule-problems.ts';

function raise(
  id: string,
  category: string,
  more: Partial<Omit<EligibilityRequest, 'organisation'>> & { designations?: readonly string[] } = {},
): EligibilityRequest {
  const { designations, ...rest } = more;
  return {
    organisation: designations === undefined ? { id, category } : { id, category, designations },
    kind: 'normal',
    ...rest,
  };
}

function assertAllowed(decision: EligibilityDecision, ruleId: string, citation: string): void {
  assert.equal(decision.allowed, true, decision.allowed ? '' : decision.message);
  assert.equal(decision.rule?.id, ruleId);
  assert.equal(decision.rule?.citation, citation);
}

function assertRefused(decision: EligibilityDecision, ruleId: string | undefined, message: RegExp): string {
  if (decision.allowed) assert.fail(`expected a refusal, got an allowance under ${decision.rule.id}`);
  assert.equal(decision.rule?.id, ruleId);
  assert.match(decision.message, message);
  return decision.message;
}

/** One request per organisation category of the SEC register, and the rule that decides it. */
const BY_CATEGORY: Readonly<
  Record<string, { request: EligibilityRequest; allowed: boolean; rule: string | undefined }>
> = {
  large_supplier: { request: raise('british-gas', 'large_supplier'), allowed: true, rule: 'party' },
  small_supplier: { request: raise('small-co', 'small_supplier'), allowed: true, rule: 'party' },
  electricity_network: { request: raise('ukpn', 'electricity_network'), allowed: true, rule: 'party' },
  gas_network: { request: raise('cadent', 'gas_network'), allowed: true, rule: 'party' },
  other_sec_party: { request: raise('lowri-beck', 'other_sec_party'), allowed: true, rule: 'party' },
  dcc: { request: raise('dcc', 'dcc'), allowed: true, rule: 'party' },
  consumer_body: {
    request: raise('citizens-advice', 'consumer_body'),
    allowed: true,
    rule: 'citizens-advice',
  },
  authority: {
    request: raise('ofgem', 'authority', { reason: { code: 'significant_code_review' } }),
    allowed: true,
    rule: 'authority',
  },
  panel: {
    request: raise('panel', 'panel', { reason: { text: 'To correct a cross-reference.' } }),
    allowed: true,
    rule: 'panel',
  },
  sub_committee: {
    request: raise('ssc', 'sub_committee', { reason: { text: 'Raised for the Panel by the SSC.' } }),
    allowed: true,
    rule: 'panel-sub-committee',
  },
  code_administrator: {
    request: raise('secas', 'code_administrator'),
    allowed: false,
    rule: 'code-administrator',
  },
  designated_person: {
    request: raise('designee', 'designated_person'),
    allowed: true,
    rule: 'designated-by-authority',
  },
  other: { request: raise('someone', 'other'), allowed: false, rule: undefined },
};

describe('who may raise a Draft Proposal (SEC D1.3)', () => {
  test('the SEC rules name only categories of the SEC register', () => {
    assert.deepEqual(listEligibilityRuleProblems(secEligibility, secRegister), []);
  });

  test('every organisation category of the register has a case below', () => {
    assert.deepEqual(Object.keys(BY_CATEGORY).sort(), [...secRegister.organisationCategories].sort());
  });

  for (const category of secRegister.organisationCategories) {
    const expected = BY_CATEGORY[category];
    test(`a raiser in the category ${category} is ${expected?.allowed ? 'allowed' : 'refused'} under the right rule`, () => {
      assert.ok(expected, `no case for ${category}`);
      const decision = checkEligibility(secEligibility, expected.request);
      assert.equal(decision.allowed, expected.allowed);
      assert.equal(decision.rule?.id, expected.rule);
    });
  }

  test('a Party, the DCC included, is allowed under D1.3(a)', () => {
    assertAllowed(checkEligibility(secEligibility, raise('dcc', 'dcc')), 'party', 'D1.3(a)');
    const decision = checkEligibility(secEligibility, raise('sse', 'large_supplier', { kind: 'urgent' }));
    assertAllowed(decision, 'party', 'D1.3(a)');
    assert.equal(decision.allowed && decision.recordedReason, undefined);
  });

  test('the Authority is refused without a reason and told what to give', () => {
    assertRefused(
      checkEligibility(secEligibility, raise('ofgem', 'authority')),
      'authority',
      /^The Authority may raise a Draft Proposal only to ensure compliance with European regulations or following a Significant Code Review \(SEC D1\.3\(d\)\): give the reason\.$/,
    );
  });

  test('the Authority is refused with a reason D1.3(d) does not allow', () => {
    assertRefused(
      checkEligibility(secEligibility, raise('ofgem', 'authority', { reason: { code: 'tidy_up' } })),
      'authority',
      /"tidy_up" is not one of the reasons allowed: european_compliance .*, significant_code_review /,
    );
  });

  test('the Authority is allowed for European compliance, and the reason is recorded', () => {
    const decision = checkEligibility(
      secEligibility,
      raise('ofgem', 'authority', {
        reason: { code: 'european_compliance', text: ' Clean Energy Package ' },
      }),
    );
    assertAllowed(decision, 'authority', 'D1.3(d)');
    assert.deepEqual(decision.allowed && decision.recordedReason, {
      code: 'european_compliance',
      label: 'to ensure compliance with European regulations',
      text: 'Clean Energy Package',
    });
  });

  test('the Authority is allowed following a Significant Code Review', () => {
    const decision = checkEligibility(
      secEligibility,
      raise('ofgem', 'authority', { reason: { code: 'significant_code_review' } }),
    );
    assertAllowed(decision, 'authority', 'D1.3(d)');
    assert.equal(decision.allowed && decision.recordedReason?.code, 'significant_code_review');
  });

  test('Citizens Advice and Citizens Advice Scotland are allowed under D1.3(b)', () => {
    for (const id of ['citizens-advice', 'citizens-advice-scotland']) {
      assertAllowed(
        checkEligibility(secEligibility, raise(id, 'consumer_body')),
        'citizens-advice',
        'D1.3(b)',
      );
    }
  });

  test('another consumer body is refused, and told that D1.3(b) names only those two', () => {
    assertRefused(
      checkEligibility(secEligibility, raise('which', 'consumer_body')),
      'consumer-body-not-named',
      /^A consumer body other than Citizens Advice or Citizens Advice Scotland may not raise a Draft Proposal \(SEC D1\.3\(b\)\): /,
    );
  });

  test('an organisation designated by the Authority is allowed under D1.3(c), whatever its category', () => {
    for (const category of ['other', 'consumer_body']) {
      const request = raise('designee', category, { designations: ['designated_by_authority'] });
      assertAllowed(checkEligibility(secEligibility, request), 'designated-by-authority', 'D1.3(c)');
    }
  });

  test('the Panel is allowed with the circumstances recorded, and refused without them', () => {
    const text = 'The Panel raises a change to its own procedures.';
    const decision = checkEligibility(secEligibility, raise('panel', 'panel', { reason: { text } }));
    assertAllowed(decision, 'panel', 'D1.3(e)');
    assert.deepEqual(decision.allowed && decision.recordedReason, { text });
    assertRefused(
      checkEligibility(secEligibility, raise('panel', 'panel', { reason: { text: '  ' } })),
      'panel',
      /^The Panel may raise a Draft Proposal only in specific circumstances \(SEC D1\.3\(e\)\): record /,
    );
  });

  test('a raiser acting in the role of the Panel is judged as the Panel', () => {
    const request = raise('british-gas', 'large_supplier', { role: 'panel', kind: 'fast_track' });
    assertRefused(checkEligibility(secEligibility, request), 'panel', /specific circumstances/);
    const decision = checkEligibility(secEligibility, {
      ...request,
      reason: { text: 'A typographical error.' },
    });
    assertAllowed(decision, 'panel', 'D1.3(e)');
  });

  test("a sub-committee raises on the Panel's behalf under D1.3(e) and must record the circumstances", () => {
    assertAllowed(
      checkEligibility(
        secEligibility,
        raise('ssc', 'sub_committee', { reason: { text: 'DP091: security.' } }),
      ),
      'panel-sub-committee',
      'D1.3(e)',
    );
    assertRefused(
      checkEligibility(secEligibility, raise('ssc', 'sub_committee')),
      'panel-sub-committee',
      /on the Panel's behalf/,
    );
  });

  test('a Fast-Track Modification by a Party is refused', () => {
    assertRefused(
      checkEligibility(secEligibility, raise('british-gas', 'large_supplier', { kind: 'fast_track' })),
      'fast-track-panel-only',
      /^Only the Panel may raise a Fast-Track Modification \(SEC D1\.3\(e\)\): /,
    );
    const fromSsc = raise('ssc', 'sub_committee', { kind: 'fast_track', reason: { text: 'For the Panel.' } });
    assertRefused(checkEligibility(secEligibility, fromSsc), 'fast-track-panel-only', /Only the Panel/);
  });

  test('a Fast-Track Modification by the Panel is allowed', () => {
    const request = raise('panel', 'panel', { kind: 'fast_track', reason: { text: 'A manifest error.' } });
    assertAllowed(checkEligibility(secEligibility, request), 'panel', 'D1.3(e)');
  });

  test('the code administrator is refused, citing D1.3 and DP088', () => {
    const message = assertRefused(
      checkEligibility(secEligibility, raise('secas', 'code_administrator')),
      'code-administrator',
      /^The code administrator may not raise a Draft Proposal \(SEC D1\.3\): /,
    );
    assert.match(message, /provisions that govern its own functions/);
    assert.match(message, /DP088/);
  });

  test('an organisation no rule covers is refused, naming its category', () => {
    assertRefused(
      checkEligibility(secEligibility, raise('someone', 'other', { kind: 'urgent' })),
      undefined,
      /^No rule of SEC D1\.3 allows an organisation that is not a Party to raise an urgent Draft Proposal\.$/,
    );
    assertRefused(
      checkEligibility(secEligibility, raise('x', 'mystery')),
      undefined,
      /^No rule of SEC D1\.3 allows an organisation in the category "mystery" to raise a Draft Proposal\.$/,
    );
  });

  test('changing the data as DP088 proposes lets the code administrator raise, with no code change', () => {
    const dp088: EligibilityRules = {
      ...secEligibility,
      rules: secEligibility.rules.map((rule) =>
        rule.id === 'code-administrator'
          ? {
              id: rule.id,
              citation: 'D1.3(f)',
              description: 'The code administrator may raise a Draft Proposal',
              matches: rule.matches,
              kinds: ['normal', 'urgent'],
              effect: 'allow',
              conditions: [],
            }
          : rule,
      ),
    };
    const request = raise('secas', 'code_administrator');
    assert.equal(checkEligibility(secEligibility, request).allowed, false);
    assertAllowed(checkEligibility(dp088, request), 'code-administrator', 'D1.3(f)');
    assertRefused(
      checkEligibility(dp088, { ...request, kind: 'fast_track' }),
      'fast-track-panel-only',
      /Only the Panel/,
    );
  });
});

describe('checking eligibility rules', () => {
  test('an unknown category, a repeated id and a match with no criteria are reported', () => {
    const rules: EligibilityRules = {
      ...secEligibility,
      rules: [
        ...secEligibility.rules,
        {
          id: 'party',
          citation: 'X',
          description: 'x',
          matches: [{ categories: ['supplier'] }, {}],
          kinds: ['normal'],
          effect: 'allow',
          conditions: [],
        },
      ],
    };
    const problems = listEligibilityRuleProblems(rules, secRegister);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /id of an earlier rule/);
    assert.match(problems.join('\n'), /unknown organisation category "supplier"/);
    assert.match(problems.join('\n'), /no criteria/);
  });
});
