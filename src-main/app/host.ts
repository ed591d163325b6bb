/**
 * What the host running the core (the desktop app, the browser host, the CLI) brings along: the kind
 * of computer, and capabilities only some hosts have, handed to createCore like openExternal.
 */
import type { HostPlatform } from '../../src-preload/contract/sync';

/**
 * The system's folder picker: resolves with the chosen folder's absolute path, or null when the
 * person closed it without choosing. Only the desktop app has one (Electron's dialog).
 */
export type FolderPicker = (options: { title: string; defaultPath?: string }) => Promise<string | null>;

export function hostPlatform(platform: NodeJS.Platform = process.platform): HostPlatform {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'mac';
  return 'linux';
}
