import type { RulesPack } from '../../domain/rules-pack.ts';
import { secEligibility } from './eligibility.ts';
import { secLifecycle } from './lifecycle.ts';
import { secAgenda, secPapers } from './papers.ts';
import { secRegister } from './register.ts';
import { secTimetable } from './timetable.ts';

/** The SEC rules pack. A second code (BSC, UNC, REC) is another pack of the same shape. */
export const sec: RulesPack = {
  id: 'SEC',
  name: 'Smart Energy Code',
  lifecycle: secLifecycle,
  eligibility: secEligibility,
  timetable: secTimetable,
  register: secRegister,
  papers: secPapers,
  agenda: secAgenda,
};
