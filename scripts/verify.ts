/**
 * npm run -s verify -- FILE.pdf [--trust ROOT.pem ...] [--offline] [--json]: see verify-command.ts.
 */
import { runVerify } from '../src/signing/cli/verify-command';

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
process.exitCode = await runVerify(process.argv.slice(2), io);
