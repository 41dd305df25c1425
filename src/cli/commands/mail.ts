// `modgov mail ...`: the inbound mail path (a reply to a request for views records the view). Filled in by the
// e-mail views change.
import type { Command } from 'commander';
import type { CommandKit } from '../program.ts';

export function registerMailCommands(program: Command, kit: CommandKit): void {
  void program;
  void kit;
}
