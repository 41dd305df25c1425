import { secLifecycle } from './lifecycle.ts';
import { secRegister } from './register.ts';

/** The SEC rules pack. A second code (BSC, UNC, REC) is another pack of the same shape. */
export const sec = { id: 'SEC', lifecycle: secLifecycle, register: secRegister } as const;
export type RulesPack = typeof sec;
