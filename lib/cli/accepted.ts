// What the command line accepts, for error messages: after an unknown option, command or a missing argument,
// commander prints its error (with its "Did you mean" suggestion) and then this text — every option of the command
// that was being parsed, or every command — so the user sees what is accepted without running --help.
import type { Command } from 'commander';

function optionList(cmd: Command): string {
  const flags = cmd.options.map((o) => o.flags);
  flags.push('-h, --help');
  return flags.join(', ');
}

/** Sets, on the program and each of its commands, the text shown after a parse error. */
export function showAcceptedAfterErrors(program: Command): void {
  const name = program.name();
  const commands = program.commands.map((c) => c.name());
  program.showHelpAfterError(
    `${name} accepts the commands ${commands.join(', ')}, help [command], and the options ${optionList(program)}\n` +
      `(run \`${name} --help\` or \`${name} <command> --help\` for what each does)`,
  );
  for (const cmd of program.commands) {
    const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ');
    cmd.showHelpAfterError(
      `${name} ${cmd.name()}${args ? ` ${args}` : ''} accepts the options ${optionList(cmd)}\n` +
        `(run \`${name} ${cmd.name()} --help\` for what each does)`,
    );
  }
}
