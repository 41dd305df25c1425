// The SEC's vocabularies: how proposals are numbered, who the organisations are, how material is classified.
import type { RegisterVocabulary } from '../../domain/rules-pack.ts';

export const secRegister: RegisterVocabulary = {
  /** DP090, MP090, MP102A, SECMP0049. Group 2 is the number; group 3 an alternative's letter. */
  proposalReference: /^(DP|MP|SECMP)(\d{3,4})([A-Z]?)$/,
  draftPrefix: 'DP',
  convertedPrefix: 'MP',
  organisationCategories: [
    'large_supplier',
    'small_supplier',
    'electricity_network',
    'gas_network',
    'other_sec_party',
    'dcc',
    'consumer_body',
    'authority',
    'panel',
    'sub_committee',
    'code_administrator',
    'designated_person',
    'other',
  ],
  /** Who a change affects, as the register lists them; wider than organisation categories. */
  impactedParties: [
    'large_supplier',
    'small_supplier',
    'electricity_network',
    'gas_network',
    'network_party',
    'other_sec_party',
    'dcc',
    'consumer_body',
    'shared_resource_provider',
    'other',
  ],
  /** The Panel Information Policy (SEC Section M4.13), lowest first. */
  classifications: [
    {
      slug: 'white',
      label: 'White',
      banner:
        'This document is classified as White in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.',
    },
    {
      slug: 'green',
      label: 'Green',
      banner:
        'This document is classified as Green in accordance with the Panel Information Policy. Information can be shared with other SEC Parties and SMIP participants at large, but not made publicly available.',
    },
    {
      slug: 'amber',
      label: 'Amber',
      banner:
        'This document is classified as Amber in accordance with the Panel Information Policy. Recipients can only share Amber information with members of their own organisation who need to know, and only as widely as necessary to act on that information.',
    },
    {
      slug: 'red',
      label: 'Red',
      banner:
        'This document is classified as Red in accordance with the Panel Information Policy. Recipients may not further disclose the information beyond the named recipients.',
    },
  ],
  paperTypes: ['new_proposals_summary', 'agenda', 'update', 'other'],
  paperActions: [
    { slug: 'for_decision', label: 'For Decision' },
    { slug: 'for_discussion', label: 'For Discussion' },
    { slug: 'for_information', label: 'For Information' },
  ],
};
