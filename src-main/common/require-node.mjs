/**
 * Stops with one plain line (exit code 2) when this is not the Node.js Regie is built for.
 *
 * Plain JavaScript without imports, so it runs on any Node before tsx or a native module loads: the
 * SQLCipher and Argon2 prebuilds crash an older Node with a segmentation fault and no word at all.
 * Every entry point imports it first (CLI, test host, provider simulator, bench, test configs), and
 * the npm scripts run it before starting a tool (`node src-main/common/require-node.mjs && …`).
 * Electron brings its own Node and is left alone.
 */

/** Keep equal to package.json `engines.node` and .nvmrc (a unit test checks). */
export const requiredNodeMajor = 24;

/** The line to print when `version` (e.g. "20.20.2") is not the required major, else null. */
export function nodeVersionProblem(version) {
  const major = Number(String(version).split('.')[0]);
  if (major === requiredNodeMajor) return null;
  return (
    `Regie heeft Node.js ${requiredNodeMajor} nodig (dit is ${version}): zie README / ` +
    `Regie needs Node.js ${requiredNodeMajor} (this is ${version}): see README`
  );
}

if (!process.versions.electron) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(2);
  }
}
