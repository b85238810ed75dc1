/**
 * Debian's Firefox ESR driven over WebDriver BiDi (Playwright cannot drive stock Firefox; BiDi is what geckodriver
 * and web-ext speak, and Firefox serves it itself with --remote-debugging-port). The built add-on is installed as a
 * temporary add-on with `webExtension.install`; its internal UUID is fixed through a preference so that tests can
 * open its pages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import WebSocket from 'ws';

export const ADDON_ID = 'backstory@backstory-news.org';
export const ADDON_UUID = '6b1e2d4c-0f3a-4c55-9d9e-2b7a1c0e5f10';

export function findFirefox(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.FIREFOX_PATH ? [env.FIREFOX_PATH] : (env.PATH ?? '').split(delimiter).flatMap((dir) => [join(dir, 'firefox-esr'), join(dir, 'firefox')]);
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Preferences for a quiet, offline test profile. */
const PREFS: Record<string, string | number | boolean> = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
  'browser.shell.checkDefaultBrowser': false,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.update.disabledForTesting': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.newtabpage.enabled': false,
};

type Json = Record<string, unknown>;

export class FirefoxBidi {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; type?: string; result?: Json; error?: string; message?: string };
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new Error(`${message.error}: ${message.message}`));
      else waiter.resolve(message.result ?? {});
    });
  }

  static async launch(firefoxPath: string): Promise<FirefoxBidi> {
    const profile = mkdtempSync(join(tmpdir(), 'backstory-firefox-'));
    writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
    // System access lets the tests reach the browser's own windows, the one way to open the add-on's pages.
    const child = spawn(firefoxPath, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', '--remote-allow-system-access', 'about:blank'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Firefox did not start WebDriver BiDi:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stderr!.on('data', onData);
      child.stdout!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`Firefox exited (${code}) before WebDriver BiDi started:\n${output}`)));
    });
    const socket = new WebSocket(`${url.replace(/\/$/, '')}/session`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const bidi = new FirefoxBidi(child, socket, profile);
    await bidi.send('session.new', { capabilities: {} });
    return bidi;
  }

  send(method: string, params: Json = {}): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async installAddon(directory: string): Promise<void> {
    await this.send('webExtension.install', { extensionData: { type: 'path', path: directory } });
  }

  async newTab(): Promise<string> {
    const { context } = (await this.send('browsingContext.create', { type: 'tab' })) as { context: string };
    return context;
  }

  async navigate(context: string, url: string): Promise<void> {
    await this.send('browsingContext.navigate', { context, url, wait: 'complete' });
  }

  /** Evaluates an expression returning a JSON-serialisable value (sent back as a JSON string). */
  async evaluate<T>(context: string, expression: string): Promise<T> {
    const { result } = (await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    })) as { result: { type: string; value?: string } };
    if (result.type !== 'string' || result.value === undefined) throw new Error(`unexpected result ${JSON.stringify(result)}`);
    return JSON.parse(result.value) as T;
  }

  async waitFor<T>(context: string, expression: string, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await this.evaluate<T>(context, expression);
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      value = await this.evaluate<T>(context, expression);
    }
    if (!ok(value)) throw new Error(`condition not met in Firefox; last value ${JSON.stringify(value)}`);
    return value;
  }

  /**
   * Opens one of the add-on's pages in a background tab of the main window (WebDriver BiDi may not navigate a tab to
   * moz-extension:// itself, but the browser window may open one), and returns its browsing context.
   */
  async openAddonPage(url: string): Promise<string> {
    const before = new Set(((await this.send('browsingContext.getTree', {})) as { contexts: Array<{ context: string }> }).contexts.map((c) => c.context));
    const { contexts } = (await this.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { contexts: Array<{ context: string }> };
    await this.send('script.evaluate', {
      expression: `gBrowser.addTab(${JSON.stringify(url)}, { inBackground: true, triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }), 0`,
      target: { context: contexts[0].context },
      awaitPromise: false,
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const now = ((await this.send('browsingContext.getTree', {})) as { contexts: Array<{ context: string; url: string }> }).contexts;
      const added = now.find((c) => !before.has(c.context) && c.url.startsWith('moz-extension://'));
      if (added) return added.context;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the add-on page ${url} did not open`);
  }

  async movePointer(context: string, x: number, y: number): Promise<void> {
    await this.send('input.performActions', {
      context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y), duration: 0 }] }],
    });
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send('browser.close'), new Promise((r) => setTimeout(r, 5000))]);
    } catch {
      // already closing
    }
    this.socket.close();
    this.process.kill('SIGTERM');
    rmSync(this.profile, { recursive: true, force: true });
  }
}
