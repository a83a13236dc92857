/** Procedure state machines shared by the server (authoritative) and the app (optimistic). */
export * from './transfer-route';
export * from './transfer-dossier';
export * from './transfer-deadlines';
export * from './transfer-machine';
export * from './residence-rules';
export * from './residence-request';
export * from './residence-form';
