/** `npm run build`: the production bundle into dist/ (main/production-build.ts). */
import { buildProduction } from './production-build';

buildProduction((line) => process.stderr.write(`${line}\n`)).catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
