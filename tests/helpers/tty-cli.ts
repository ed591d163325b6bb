/**
 * The CLI as if stderr were a terminal (for the progress line and Ctrl-C), without needing a real
 * pseudo-terminal: `node --import tsx tests/helpers/tty-cli.ts ARGS…`.
 */
export {};

process.stderr.isTTY = true;
const { runCli } = await import('../../src-main/cli/index');
process.exitCode = await runCli(process.argv.slice(2));
