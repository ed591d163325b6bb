/**
 * Preload: exposes the typed API contract to the sandboxed renderer, nothing else.
 * No Node APIs cross this bridge; every payload is validated again in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventMessage, RegieApi } from './contract/api';
import { ipcChannels } from './contract/ipc-channels';

const api: RegieApi = {
  call: (method, request) => ipcRenderer.invoke(ipcChannels.call, method, request),
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(ipcChannels.event, handler);
    return () => ipcRenderer.removeListener(ipcChannels.event, handler);
  },
};

contextBridge.exposeInMainWorld('regie', api);
