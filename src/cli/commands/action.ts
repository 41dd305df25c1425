// `modgov outcome ...` and `modgov action ...`: what meetings decided on agenda items, and their actions. Filled in
// by the meeting decisions CLI change.
import type { Command } from 'commander';
import type { CommandKit } from '../program.ts';

export function registerOutcomeCommands(program: Command, kit: CommandKit): void {
  void program;
  void kit;
}
