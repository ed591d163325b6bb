import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where profiles live when no --data-dir is given: the OS's per-user app data folder, the same one
 * Electron's app.getPath('userData') resolves to for "Regie", so the CLI and the app share profiles.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.REGIE_DATA_DIR) return env.REGIE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Regie');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Regie');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Regie');
}
