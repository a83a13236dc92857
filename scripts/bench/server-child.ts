/**
 * The central API in its own process for the benchmarks, so that server and client each have a
 * core, as in real life. Prints {"url": …} once listening; exits when its stdin closes.
 *   tsx scripts/bench/server-child.ts <sqliteFile>
 */
import { startServer } from '../../server/main';

const file = process.argv[2];
if (!file) {
  console.error('usage: server-child.ts <sqliteFile>');
  process.exit(2);
}
const server = await startServer({ port: 0, dbConfig: { sqliteFile: file } });
console.log(JSON.stringify({ url: server.url }));
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
