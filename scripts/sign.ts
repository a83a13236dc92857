/**
 * npm run -s sign -- --module LIB --token LABEL --in IN.pdf --out OUT.pdf [--key ID_HEX]
 *   [--image SIG.png] [--seal SEAL.png] [--reason TEXT] [--location TEXT] [--tsa URL] [--page N]
 *   [--rect x,y,w,h] [--chain CA.pem ...]
 * The PIN comes from PKCS11_PIN, never from the command line. The signature embeds the CA
 * certificates found on the token, completed from SIGNING_TRUST_ANCHORS and `--chain`.
 */
import { runSign } from '../src/signing/cli/sign-command';

process.exitCode = await runSign(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
