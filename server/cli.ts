import { serverDbConfigFromEnv } from '../src/db/server-db';
import { parseCliArgs, tokenSecretFromEnv, USAGE } from './cli-args';
import { startServer } from './main';

async function main(): Promise<void> {
  let command;
  let tokenSecret;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
    tokenSecret = tokenSecretFromEnv(process.env);
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return;
  }
  if (command.kind === 'demo') {
    console.log('demo mode arrives with the app shell');
    return;
  }
  const server = await startServer({
    port: command.port,
    host: command.host,
    dbConfig: serverDbConfigFromEnv(command.dbFile),
    logger: command.logger,
    tokenSecret,
  });
  console.log(`listening on ${server.url}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
