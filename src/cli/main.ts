/**
 * The hvlab command line: `hvlab <command> [args]`. Each command lives in its
 * own module under commands/ and returns its exit status; this file only
 * dispatches and turns unexpected exceptions into a clear message.
 */
import { COMMANDS } from './commands/index.ts';

const USAGE = `usage: hvlab <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Run 'hvlab <command> --help' for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`hvlab: unknown command '${name}'\n\n${USAGE}`);
    return 1;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    console.error(`hvlab: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 3;
  },
);
