/**
 * Chromium driven over the DevTools protocol directly, for measurements. Playwright enables the `Runtime` domain on
 * every page it drives, and with it the inspector asks V8 for source positions whenever an extension API call or a
 * console message captures a stack: V8 then parses the calling scripts again. Traced, that is 4–7 ms of
 * `V8.CollectSourcePositions` in the evaluation of our content script on every page load, which a reader's browser
 * (no DevTools attached) never pays. Pages here get only the `Page` and `Performance` domains, which cost nothing
 * of the kind; the extension's service worker, in its own process, is driven through `Runtime`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { OFFLINE_ARGS } from './chromium';

type Params = Record<string, unknown>;
type Listener = (params: Params, sessionId: string | undefined) => void;

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** A session attached to one target (flat protocol: messages carry the session id). */
export class CdpSession {
  constructor(
    private readonly browser: CdpBrowser,
    readonly sessionId: string,
  ) {}

  send<T = Params>(method: string, params: Params = {}): Promise<T> {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /** Evaluates `expression` (awaiting a promise it returns) and gives back its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.send<{ result: { value?: T }; exceptionDetails?: { exception?: { description?: string }; text: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
    );
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  }
}

/**
 * Main-thread time two ways (CDP Performance metrics). `taskMs` (TaskDuration) is the wall-clock time the thread
 * spent in tasks: what the page waits for, including while the thread waited for a core mid-task (on a two-core
 * machine, often: the browser process, V8's helper threads and the background run meanwhile). `cpuMs` (ThreadTime)
 * is the CPU time the thread used: the work itself, steadier from run to run.
 */
export interface MainThreadTime {
  taskMs: number;
  cpuMs: number;
}

/** A tab: its target, and a session with `Page` and `Performance` enabled (never `Runtime`, see the file's comment). */
export interface CdpPage {
  targetId: string;
  session: CdpSession;
  /** Navigates and resolves once the page's load event has fired. */
  goto(url: string): Promise<void>;
  /**
   * Has the page draw a frame (a one-pixel screenshot). A visible tab draws one soon after its load; a headless tab
   * that nothing asks to redraw may not, and Chrome defers work to that frame (see `bench-page.ts`).
   */
  drawFrame(): Promise<void>;
  /** The page's main-thread time so far, in ms: as task durations and as CPU time. */
  mainThreadTime(): Promise<MainThreadTime>;
  close(): Promise<void>;
}

export class CdpBrowser {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: Params) => void; reject: (error: Error) => void; method: string }>();
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly process: ChildProcess,
    private readonly userDataDir: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string };
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
      }
    });
  }

  /** Starts headless Chromium, with `extensionDir` loaded or with no extension at all. */
  static async launch(chromiumPath: string, extensionDir: string | null): Promise<CdpBrowser> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
    const extensionArgs = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions'];
    const child = spawn(
      chromiumPath,
      ['--headless=new', `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', '--window-size=1280,900', ...extensionArgs, ...OFFLINE_ARGS, 'about:blank'],
      { stdio: 'ignore' },
    );
    const portFile = join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + 30_000;
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Chromium at ${chromiumPath} did not open its DevTools port`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false, maxPayload: 1024 * 1024 * 1024 });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new CdpBrowser(socket, child, userDataDir);
  }

  send<T = Params>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: Params) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(method: string, listener: Listener): () => void {
    let set = this.listeners.get(method);
    if (!set) this.listeners.set(method, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async attach(targetId: string): Promise<CdpSession> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return new CdpSession(this, sessionId);
  }

  /** The extension's service worker, with `Runtime` enabled (it runs in its own process, not the page's). */
  async extensionWorker(timeoutMs = 30_000): Promise<CdpSession> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { targetInfos } = await this.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
      if (worker) {
        const session = await this.attach(worker.targetId);
        await session.send('Runtime.enable');
        // Attached while starting, the worker has no extension APIs yet for a moment.
        while (Date.now() < deadline) {
          if ((await session.evaluate<string>('typeof globalThis.chrome?.storage')) === 'object') return session;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the extension service worker did not start');
  }

  async newPage(): Promise<CdpPage> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const session = await this.attach(targetId);
    await session.send('Page.enable');
    await session.send('Performance.enable');
    return {
      targetId,
      session,
      goto: async (url) => {
        const loaded = new Promise<void>((resolve) => {
          const stop = this.on('Page.loadEventFired', (_params, from) => {
            if (from !== session.sessionId) return;
            stop();
            resolve();
          });
        });
        await session.send('Page.navigate', { url });
        await loaded;
      },
      drawFrame: async () => {
        await session.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: 1, height: 1, scale: 1 } });
      },
      mainThreadTime: async () => {
        const { metrics } = await session.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
        const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
        return { taskMs: ms('TaskDuration'), cpuMs: ms('ThreadTime') };
      },
      close: async () => {
        await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
      },
    };
  }

  /** Records a browser-wide trace of `categories` while `during` runs. */
  async trace(categories: string, during: () => Promise<void>): Promise<TraceEvent[]> {
    const events: TraceEvent[] = [];
    const stopCollecting = this.on('Tracing.dataCollected', (params) => void events.push(...(params.value as TraceEvent[])));
    const complete = new Promise<void>((resolve) => {
      const stop = this.on('Tracing.tracingComplete', () => {
        stop();
        resolve();
      });
    });
    await this.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    try {
      await during();
    } finally {
      await this.send('Tracing.end');
      await complete;
      stopCollecting();
    }
    return events;
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    this.socket.close();
    await new Promise((resolve) => (this.process.exitCode !== null ? resolve(null) : this.process.once('exit', resolve)));
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
