// The SEC's committee papers in SECAS's own words, as data: the composer (src/domain/papers/) puts them in
// order and fills the {placeholders}; another code words its papers in its own pack. The purpose, the intro
// of "New Draft Proposals", the entry sentences and the recommendation are those of the Operations Group
// paper OPSG_26_0511_16 (October 2019); the rest is written in the same manner.
import type { AgendaWording } from '../../domain/papers/compose-agenda.ts';
import type { NewProposalsSummaryWording } from '../../domain/papers/compose-new-proposals-summary.ts';
import type { RulesPack } from '../../domain/rules-pack.ts';

const newProposalsSummary: NewProposalsSummaryWording = {
  defaultTitle: 'New Draft Proposals and Modification Proposals',
  purpose: {
    title: 'Purpose',
    paragraphs: [
      'This paper provides a summary of the new Draft Proposals raised and the Draft Proposals that have converted to Modification Proposals in the last month. Copies of the draft or approved problem statements for each proposal are attached to this paper.',
      'We seek any initial comments the {committee} may have on these proposals at these stages in the framework, and agreement on which proposals it will want to provide further input on as they progress.',
    ],
  },
  newDrafts: {
    title: 'New Draft Proposals',
    intro: [
      'This section lists the new Draft Proposals submitted in the last month and which have entered the Development Stage. At this point in the process, we are focused on assessing and clarifying the issue identified, the impacts this is having (including the impact of doing nothing), and the context of this issue within the SEC. Solutions will not be discussed until the Change Sub-Committee has agreed the problem statement has been fully defined.',
      'We invite any views from the {committee} on the issue identified under each proposal, the impacts this may be having, and any areas the Proposer may need to consider further as part of developing their problem statement.',
    ],
    none: 'No new Draft Proposals were raised between {from} and {to}.',
    heading: "{reference} '{title}'",
    raisedBy: '{reference} was raised by {proposer} of {organisation}.',
    raisedByTeam: '{reference} was raised by {organisation}.',
  },
  conversions: {
    title: 'Draft Proposals converted to Modification Proposals',
    intro: [
      'This section lists the Draft Proposals that have converted to Modification Proposals in the last month. The Change Sub-Committee has agreed that the problem statement of each is fully defined, and solutions will now be developed and assessed as the proposal progresses.',
      'We invite any views from the {committee} on these proposals, and on whether it will want to provide further input on them as they progress.',
    ],
    heading: "{reference} '{title}'",
    converted: '{draft} was converted to {converted} on {date}.',
    convertedBy: '{draft} was converted to {converted} by the {by} on {date}.',
    raisedBy: 'It was raised by {proposer} of {organisation}.',
    raisedByTeam: 'It was raised by {organisation}.',
  },
  leadAnalyst: {
    person: 'The Lead Analyst from {organisation} is {name}.',
    team: 'The Lead Analyst is {name} ({organisation}).',
    none: 'A Lead Analyst has not yet been assigned.',
  },
  impacts: {
    headingFallback: 'Anticipated impacts on the {committee}',
    none: 'No anticipated impacts on the {committee} have been recorded for this proposal.',
  },
  problemStatement: {
    pointer: {
      draft:
        'The draft problem statement containing the information provided by the Proposer can be found in Appendix {letter}.',
      agreed: 'The agreed problem statement can be found in Appendix {letter}.',
    },
    appendixTitle: {
      draft: '{reference} draft problem statement',
      agreed: '{reference} agreed problem statement',
    },
    versionTitle: {
      draft: '{reference} problem statement version {version} (draft)',
      agreed: '{reference} problem statement version {version} (agreed on {date})',
    },
    sections: {
      issue: 'The issue',
      impacts: 'The impacts',
      doNothing: 'The impact of doing nothing',
      context: 'Context within the SEC',
    },
  },
  followed: {
    title: 'Updates on proposals the committee follows',
    intro: [
      'The {committee} has said it will want to provide further input on these proposals as they progress. This section lists what has happened to each of them between {from} and {to}.',
    ],
    heading: "{reference} '{title}'",
    event: '{event} on {date}.',
    eventBy: '{event} by the {by} on {date}.',
    facts: {
      consultation: '{value}',
      outcome: 'outcome: {value}',
      closes: 'closes {value}',
      release: '{value}',
    },
    values: {
      request_for_information: 'Request for Information',
      refinement: 'Refinement Consultation',
      modification_report: 'Modification Report Consultation',
      approve: 'approve',
      reject: 'reject',
      deferred: 'deferred',
      send_back: 'sent back',
    },
    notNews: ['stage_declared'],
  },
  recommendations: {
    title: 'Recommendations',
    byAction: {
      for_discussion:
        'The {committee} is requested to **DISCUSS** the proposals in this paper and provide any views or comments offline to {changeTeam}.',
      for_decision:
        'The {committee} is requested to **AGREE** which of the proposals in this paper it will want to provide further input on, and provide any views or comments offline to {changeTeam}.',
      for_information:
        'The {committee} is requested to **NOTE** the proposals in this paper. Any views or comments may be sent to {changeTeam}.',
    },
    nothing:
      'The {committee} is requested to **NOTE** that no Draft Proposals were raised or converted to Modification Proposals between {from} and {to}.',
    changeTeam: {
      withEmail: 'the Change Team email address {email}',
      withoutEmail: 'the Change Team',
    },
  },
};

export const secPapers: RulesPack['papers'] = { newProposalsSummary };

/**
 * The SEC's meeting agenda, and the meeting pack's name. Unverified (U): no SEC agenda is among the reference
 * papers. An agenda has its own reference, COMMITTEE_meeting_DDMM_Agenda, rather than an item number, so it never
 * takes the number of a paper on it (a paper's reference ends in its item: OPSG_26_0511_16). The standing items
 * are those every sub-committee meeting opens and closes with; the secretariat signs it.
 */
export const secAgenda: AgendaWording = {
  reference: '{committee}_{meeting}_{ddmm}_Agenda',
  title: 'Agenda: {committee} meeting {meeting}, {date}',
  action: 'for_information',
  paperType: 'agenda',
  openingItems: ['Minutes and actions outstanding'],
  closingItems: ['Any Other Business'],
  paper: '**{reference}**: {action} ({classification})',
  awaiting: {
    title: 'Proposals awaiting the {committee}',
    intro:
      'These proposals are at a stage at which the {committee} considers them. Papers on them, where there are any, are listed under their own items.',
    none: 'No proposals are at a stage at which the {committee} considers them.',
    entry: "{reference} '{title}'",
  },
  actions: {
    title: 'Actions from previous meetings',
    intro: 'These actions from earlier meetings of the {committee} are still open.',
    entry: '{text} (owner: {owner}; from meeting {meeting})',
    entryDue: '{text} (owner: {owner}; due {due}; from meeting {meeting})',
  },
  packReference: '{committee}_{meeting}_{ddmm}_Pack',
  packTitle: '{committee} meeting {meeting}, {date}: meeting pack',
};
