import { loadConfig } from '../src/shared/config';
import { retireKey, rotateSigningKey } from '../src/integrations/oauth/key-rotation';

/**
 * Signing key rotation in JWT_KEYS_DIR. Usage:
 *   rotate-keys rotate          adds a key pair; after a restart it signs, older keys still verify
 *   rotate-keys retire <kid>    deletes an old key pair once its tokens have expired (10 minutes for clients)
 */
function main(argv: string[]): void {
  const dir = loadConfig().jwt.keysDir;
  const [command, kid] = argv;
  try {
    if (command === 'rotate') {
      const { newKid, activeKids } = rotateSigningKey(dir);
      process.stdout.write(`new signing key ${newKid}\npublished keys: ${activeKids.join(', ')}\nrestart the services to sign with it\n`);
    } else if (command === 'retire' && kid) {
      const { activeKids } = retireKey(dir, kid);
      process.stdout.write(`retired ${kid}\npublished keys: ${activeKids.join(', ')}\nrestart the services to stop accepting it\n`);
    } else {
      fail('usage: rotate-keys rotate | rotate-keys retire <kid>');
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function fail(message: string): never {
  process.stderr.write(message + '\n');
  process.exit(2);
}

main(process.argv.slice(2));
