/** Electron IPC channel names, shared by preload and main. Kept dependency-free: the sandboxed preload bundles it. */
export const ipcChannels = { call: 'regie:call', event: 'regie:event' } as const;
