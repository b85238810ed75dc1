/** Finds the Chromium the end-to-end tests drive: `CHROMIUM_PATH`, else `chromium` on the PATH. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const INSTALL_HINT =
  'The end-to-end tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file. ${INSTALL_HINT}`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'chromium'))) return join(dir, 'chromium');
  }
  throw new Error(`No Chromium found (CHROMIUM_PATH is unset and there is no \`chromium\` on the PATH). ${INSTALL_HINT}`);
}
