/**
 * Chromium with the built extension loaded, kept off the network, and a static server on 127.0.0.1 for the pages
 * it reads. Shared by the end-to-end tests and by `npm start`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves `dir` and any extra in-memory pages (path → HTML). */
export async function serveDirectory(dir: string, extra: Record<string, string> = {}): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (extra[path] !== undefined) {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'] }).end(extra[path]);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * A second name for the fixture server, another site than 127.0.0.1: a frame from it is cross-site, as an embedded
 * post from a social network is on a news page (the browser runs it in another process).
 */
export const CROSS_SITE_HOST = 'embed.localhost';

/** Flags that keep Chromium off every network but 127.0.0.1, and quiet in a headless container. */
export const OFFLINE_ARGS = [
  // Nothing resolves but the fixture server's two names.
  `--host-resolver-rules=MAP ${CROSS_SITE_HOST} 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1`,
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-gpu',
  '--no-sandbox',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: {
  chromiumPath: string;
  extensionDir: string;
  viewport?: { width: number; height: number } | null;
  colorScheme?: 'light' | 'dark';
  headless?: boolean;
  /** Let the browser keep pages in its back/forward cache, which Playwright turns off by default. */
  backForwardCache?: boolean;
}): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'backstory-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.chromiumPath,
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    colorScheme: options.colorScheme ?? 'light',
    // Playwright disables extensions by default; this build must load.
    ignoreDefaultArgs: ['--disable-extensions', ...(options.backForwardCache ? ['--disable-back-forward-cache'] : [])],
    args: [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`, ...OFFLINE_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
