// Who may raise a Draft Proposal under the SEC: Section D1.3, as quoted in the October 2019 "New Draft
// Proposals" paper (DP088). Data only: a modification that changes D1.3 changes this list, not the code.
//
// The rules are tried in order and the first that applies decides (see EligibilityRules):
// - The Panel comes first, so a raiser acting in the role of the Panel is judged as the Panel.
// - A Panel sub-committee (DP091 was raised by the Security Sub-Committee) is taken to raise on the
//   Panel's behalf under D1.3(e): it must record the circumstances, as the Panel must, and may not raise a
//   Fast-Track Modification, which is the Panel's own.
// - Citizens Advice and Citizens Advice Scotland are matched by their register ids, not by category:
//   D1.3(b) names those two bodies, and another consumer body is not eligible unless the Authority
//   designates it (D1.3(c)). An installation whose register uses other ids changes the ids here.
// - D1.3(c) matches an organisation carrying the `designated_by_authority` designation, or one the
//   register already puts in the `designated_person` category.
// - The refusals come after every allowing rule so each is a fallback with the right explanation: a
//   Fast-Track Modification by anyone but the Panel, the code administrator (which DP088 asks to allow),
//   and consumer bodies other than the two named.
import type { EligibilityRules, ProposalKind } from '../../domain/eligibility/eligibility.models.ts';

const normalOrUrgent: readonly ProposalKind[] = ['normal', 'urgent'];
const everyKind: readonly ProposalKind[] = ['normal', 'urgent', 'fast_track'];

/** The register ids of the two consumer bodies D1.3(b) names. */
export const secNamedConsumerBodies: readonly string[] = ['citizens-advice', 'citizens-advice-scotland'];

/** The designation an organisation carries once the Authority has designated it under D1.3(c). */
export const designatedByAuthority = 'designated_by_authority';

export const secEligibility: EligibilityRules = {
  code: 'SEC',
  section: 'D1.3',
  kindLabels: {
    normal: 'a Draft Proposal',
    urgent: 'an urgent Draft Proposal',
    fast_track: 'a Fast-Track Modification',
  },
  categoryLabels: {
    large_supplier: 'a Large Supplier',
    small_supplier: 'a Small Supplier',
    electricity_network: 'an Electricity Network Party',
    gas_network: 'a Gas Network Party',
    other_sec_party: 'an Other SEC Party',
    dcc: 'the DCC',
    consumer_body: 'a consumer body',
    authority: 'the Authority',
    panel: 'the Panel',
    sub_committee: 'a Panel sub-committee',
    code_administrator: 'the code administrator',
    designated_person: 'a person designated by the Authority',
    other: 'an organisation that is not a Party',
  },
  rules: [
    {
      id: 'panel',
      citation: 'D1.3(e)',
      description: 'The Panel may raise a Draft Proposal in specific circumstances',
      matches: [{ categories: ['panel'] }, { roles: ['panel'] }],
      kinds: everyKind,
      effect: 'allow',
      conditions: [
        {
          kind: 'reason_text',
          message: 'The Panel may raise a Draft Proposal only in specific circumstances',
          ask: 'record the circumstances in which the Panel raises it',
        },
      ],
    },
    {
      id: 'panel-sub-committee',
      citation: 'D1.3(e)',
      description:
        "A Panel sub-committee may raise a Draft Proposal on the Panel's behalf in specific circumstances",
      matches: [{ categories: ['sub_committee'] }],
      kinds: normalOrUrgent,
      effect: 'allow',
      conditions: [
        {
          kind: 'reason_text',
          message:
            "A Panel sub-committee may raise a Draft Proposal only on the Panel's behalf, in specific circumstances",
          ask: 'record the circumstances in which it raises it for the Panel',
        },
      ],
    },
    {
      id: 'party',
      citation: 'D1.3(a)',
      description: 'A Party, including the DCC, may raise a Draft Proposal',
      matches: [
        {
          categories: [
            'large_supplier',
            'small_supplier',
            'electricity_network',
            'gas_network',
            'other_sec_party',
            'dcc',
          ],
        },
      ],
      kinds: normalOrUrgent,
      effect: 'allow',
      conditions: [],
    },
    {
      id: 'citizens-advice',
      citation: 'D1.3(b)',
      description: 'Citizens Advice and Citizens Advice Scotland may raise a Draft Proposal',
      matches: [{ organisationIds: secNamedConsumerBodies }],
      kinds: normalOrUrgent,
      effect: 'allow',
      conditions: [],
    },
    {
      id: 'designated-by-authority',
      citation: 'D1.3(c)',
      description: 'Anyone specifically designated by the Authority may raise a Draft Proposal',
      matches: [{ designations: [designatedByAuthority] }, { categories: ['designated_person'] }],
      kinds: normalOrUrgent,
      effect: 'allow',
      conditions: [],
    },
    {
      id: 'authority',
      citation: 'D1.3(d)',
      description:
        'The Authority may raise a Draft Proposal to ensure compliance with European regulations or following a Significant Code Review',
      matches: [{ categories: ['authority'] }],
      kinds: normalOrUrgent,
      effect: 'allow',
      conditions: [
        {
          kind: 'reason_code',
          message:
            'The Authority may raise a Draft Proposal only to ensure compliance with European regulations or following a Significant Code Review',
          ask: 'give the reason',
          allowed: [
            { code: 'european_compliance', label: 'to ensure compliance with European regulations' },
            { code: 'significant_code_review', label: 'following a Significant Code Review' },
          ],
        },
      ],
    },
    {
      id: 'fast-track-panel-only',
      citation: 'D1.3(e)',
      description: 'Only the Panel may raise a Fast-Track Modification',
      matches: 'anyone',
      kinds: ['fast_track'],
      effect: 'refuse',
      explanation: 'anyone else entitled under D1.3 may raise a normal or urgent Draft Proposal instead.',
    },
    {
      id: 'code-administrator',
      citation: 'D1.3',
      description: 'The code administrator may not raise a Draft Proposal',
      matches: [{ categories: ['code_administrator'] }],
      kinds: everyKind,
      effect: 'refuse',
      explanation:
        'D1.3 does not list it, because a code administrator may not raise changes to the provisions that govern its own functions. DP088 proposes to change this; until then a Party may raise the change on its behalf.',
    },
    {
      id: 'consumer-body-not-named',
      citation: 'D1.3(b)',
      description:
        'A consumer body other than Citizens Advice or Citizens Advice Scotland may not raise a Draft Proposal',
      matches: [{ categories: ['consumer_body'] }],
      kinds: everyKind,
      effect: 'refuse',
      explanation:
        'D1.3(b) names only those two bodies; another consumer body may raise one if the Authority designates it (D1.3(c)), or ask a Party to.',
    },
  ],
};
