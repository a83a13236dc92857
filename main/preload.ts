import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from './ipc-channels';

/**
 * The only thing the sandboxed renderer gets: `window.desktop` with a generic DesktopApi call and
 * an event subscription. Never ipcRenderer itself (Electron's security checklist). Names and
 * inputs are checked in the main process, which owns the contract.
 */
contextBridge.exposeInMainWorld('desktop', {
  call: (name: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_CALL, name, input),
  subscribe(listener: (event: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
});
