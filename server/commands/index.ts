/** The command table: every client→server command, declared once (see define.ts). */
import { assemblyCommands } from './assembly.ts';
import type { CommandTable } from './define.ts';
import { paperCommands } from './paper.ts';
import { proposalCommands } from './proposals.ts';
import { roundCommands } from './rounds.ts';
import { sessionCommands } from './session.ts';
import { voterCommands } from './voter.ts';

export const COMMAND_TABLE: CommandTable = {
  ...sessionCommands,
  ...voterCommands,
  ...proposalCommands,
  ...roundCommands,
  ...assemblyCommands,
  ...paperCommands,
};

export * from './define.ts';
export { describeZodError } from './parse.ts';
