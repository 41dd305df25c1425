import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canSee,
  paperAudienceMaySee,
  type AccessViewer,
  type ClassifiedItem,
} from '../src/domain/access/classification-policy.ts';

const item = (classification: string): ClassifiedItem => ({
  classification,
  organisationIds: [3],
  committees: ['OPSG'],
  recipientUserIds: [42],
});
const viewers: Record<string, AccessViewer> = {
  public: { kind: 'anonymous' },
  partyOfItem: {
    kind: 'user',
    userId: 1,
    organisationId: 3,
    roles: [{ role: 'party_user', committee: null }],
  },
  otherParty: {
    kind: 'user',
    userId: 2,
    organisationId: 4,
    roles: [{ role: 'party_user', committee: null }],
  },
  opsgMember: {
    kind: 'user',
    userId: 3,
    organisationId: null,
    roles: [{ role: 'committee_member', committee: 'OPSG' }],
  },
  sscMember: {
    kind: 'user',
    userId: 4,
    organisationId: null,
    roles: [{ role: 'committee_member', committee: 'SSC' }],
  },
  analyst: { kind: 'user', userId: 5, organisationId: null, roles: [{ role: 'analyst', committee: null }] },
  regulator: {
    kind: 'user',
    userId: 6,
    organisationId: null,
    roles: [{ role: 'regulator', committee: null }],
  },
  noRoles: { kind: 'user', userId: 7, organisationId: null, roles: [] },
  recipient: { kind: 'user', userId: 42, organisationId: null, roles: [] },
};

test('the matrix of viewers and classifications', () => {
  const matrix = Object.fromEntries(
    Object.entries(viewers).map(([name, v]) => [
      name,
      ['white', 'green', 'amber', 'red', 'purple'].filter((c) => canSee(v, item(c))).join(' '),
    ]),
  );
  assert.deepEqual(matrix, {
    public: 'white',
    partyOfItem: 'white green amber',
    otherParty: 'white green',
    opsgMember: 'white green amber',
    sscMember: 'white green',
    analyst: 'white green amber',
    regulator: 'white green',
    noRoles: 'white',
    recipient: 'white green amber red',
  });
});

test('a paper shows an item only when everyone it goes to may see it', () => {
  const shown = (paper: string, classification: string, committees: string[]) =>
    paperAudienceMaySee({ committee: 'OPSG', classification: paper }, { classification, committees });
  assert.equal(shown('amber', 'white', []), true);
  assert.equal(shown('amber', 'green', []), true);
  assert.equal(shown('amber', 'amber', ['OPSG']), true, 'an Amber proposal naming the committee');
  assert.equal(shown('amber', 'amber', ['TABASC']), false, 'an Amber proposal for another committee');
  assert.equal(shown('amber', 'amber', []), false, 'an Amber proposal naming no committee');
  assert.equal(shown('red', 'red', ['OPSG']), false, 'a Red proposal is in no paper');
  assert.equal(
    shown('red', 'green', ['OPSG']),
    false,
    'a Red paper goes to recipients who may be outside the community',
  );
  assert.equal(shown('red', 'white', []), true);
  assert.equal(shown('white', 'purple', ['OPSG']), false, 'an unknown classification is shown nowhere');
});
