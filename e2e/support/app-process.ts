import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../main/renderer-build';

export interface AppProcess {
  /** The browser host's launch URL, token in the fragment. */
  launchUrl: string;
  /** Everything the app wrote to stderr, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the app exactly as a newcomer does (`npm start`), without opening a browser and forcing
 * the browser host, and waits for the URL line it prints.
 */
export async function startApp(opts: {
  dataDir: string;
  serverUrl?: string;
  /** Added to the app's environment (token module, trust anchors, TSA for signing). */
  env?: NodeJS.ProcessEnv;
  /** More `npm start` arguments (e.g. --oidc-issuer URL). */
  args?: readonly string[];
}): Promise<AppProcess> {
  const args = ['main/start.ts', '--no-open', '--browser', '--data-dir', opts.dataDir];
  args.push(...(opts.serverUrl ? ['--server', opts.serverUrl] : ['--demo']), ...(opts.args ?? []));
  const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
  });
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 90 s\n${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('http://127.0.0.1:')) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before printing its URL\n${stderr}`));
    });
  });
  return { launchUrl, log: () => stderr, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
