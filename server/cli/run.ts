/**
 * Runs a command-line tool: a problem the user can fix (bad arguments, configuration, start-up,
 * a refused file) is printed as its message with exit code 1; anything else is a bug and throws.
 */
import { ConfigError } from '../config';
import { RingtraceError, StartupError } from '../errors';

export function runCommand(command: () => Promise<void>): void {
  command().catch((error: unknown) => {
    if (
      error instanceof RingtraceError ||
      error instanceof ConfigError ||
      error instanceof StartupError
    ) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  });
}
