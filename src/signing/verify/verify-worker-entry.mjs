// Worker entry: the app and its scripts run TypeScript through tsx; a worker thread started from
// a test runner may not have tsx's loader yet, so register it here before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
