/**
 * IPC channel names shared by the Electron main process and the preload (no imports: the preload
 * bundle stays tiny).
 */
export const IPC_CALL = 'desktop:call';
export const IPC_EVENT = 'desktop:event';

/** The renderer is served from app://renderer/ in Electron (a standard, secure custom scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where Electron's main process finds the DesktopApi that `npm start` serves for it. */
export const HOST_ORIGIN_ENV = 'DANGVU_HOST_ORIGIN';
export const HOST_TOKEN_ENV = 'DANGVU_HOST_TOKEN';
