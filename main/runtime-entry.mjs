// The runtime process's entry from sources (main/runtime-process.ts): the app runs TypeScript
// through tsx, and a process forked from a test runner has no tsx loader yet.
import { register } from 'tsx/esm/api';

register();
await import('./runtime-main.ts');
