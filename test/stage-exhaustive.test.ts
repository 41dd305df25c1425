// Type-level checks, run by `tsc --noEmit` in npm test: a stage added to the SEC lifecycle and not handled
// everywhere the rules pack describes stages fails the type check. If one of the `@ts-expect-error` lines
// below stops being an error, tsc fails on the unused directive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEC_STAGES, type SecStage } from '../src/codes/sec/lifecycle.ts';
import { secTimetable } from '../src/codes/sec/timetable.ts';
import type { StageDef } from '../src/domain/lifecycle/lifecycle.models.ts';
import type { TimetableRules } from '../src/domain/timetable/timetable.models.ts';

type WithANewStage = SecStage | 'new_stage';

// @ts-expect-error the timetable must say which committees see a proposal in the new stage
const committees: TimetableRules<WithANewStage>['stageCommittees'] = secTimetable.stageCommittees;

// @ts-expect-error a stage description must exist for every stage (the shape src/codes/sec/lifecycle.ts uses)
const descriptions: { [S in WithANewStage]: Omit<StageDef<S>, 'slug'> } = Object.fromEntries(
  SEC_STAGES.map((s) => [s, { label: s, description: s, final: false }]),
) as { [S in SecStage]: Omit<StageDef<S>, 'slug'> };

test('the type checks above are compiled (tsc runs in npm test); at run time the SEC stages are all described', () => {
  assert.equal(Object.keys(committees).length, SEC_STAGES.length);
  assert.equal(Object.keys(descriptions).length, SEC_STAGES.length);
});
