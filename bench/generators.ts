import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromGenerator, GeneratorConfig, ToGenerator } from './ipc.ts';
import { cpuMs } from './proc.ts';
import { repoRoot } from './server.ts';

const generatorPath = fileURLToPath(new URL('./generator.ts', import.meta.url));

type Msg<K extends FromGenerator['type']> = Extract<FromGenerator, { type: K }>;

/** The generator processes of a run, with a per-child inbox so no message is missed. */
export class GeneratorPool {
  readonly children: ChildProcess[] = [];
  private readonly inbox: FromGenerator[][] = [];
  private readonly wake: (() => void)[] = [];
  private failure: Error | null = null;

  constructor(readonly configs: GeneratorConfig[]) {
    for (const cfg of configs) {
      const child = fork(generatorPath, [JSON.stringify(cfg)], {
        cwd: repoRoot,
        execPath: process.execPath,
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const i = this.children.length;
      this.children.push(child);
      this.inbox.push([]);
      this.wake.push(() => {});
      child.on('message', (m: FromGenerator) => {
        if (process.env.BENCH_DEBUG) console.error('from', i, m.type);
        if (m.type === 'error') this.failure ??= new Error(`generator ${i}: ${m.message}`);
        else this.inbox[i]!.push(m);
        this.wake[i]!();
      });
      child.once('exit', (code, signal) => {
        if (!this.closing) this.failure ??= new Error(`generator ${i} exited (${code ?? signal})`);
        this.wake[i]!();
      });
    }
  }

  private closing = false;

  pids(): number[] {
    return this.children.map((c) => c.pid!).filter(Boolean);
  }

  /** Total CPU ms of the generator processes so far (from /proc). */
  cpuMs(): number {
    return this.pids().reduce((s, pid) => s + (cpuMs(pid) ?? 0), 0);
  }

  send(msg: ToGenerator, only?: number): void {
    this.children.forEach((c, i) => {
      if (only === undefined || only === i) c.send(msg);
    });
  }

  /** One message of the given type from every generator, in generator order. */
  async collect<K extends FromGenerator['type']>(type: K, timeoutMs: number): Promise<Msg<K>[]> {
    const deadline = Date.now() + timeoutMs;
    return Promise.all(
      this.children.map(async (_c, i) => {
        for (;;) {
          if (this.failure) throw this.failure;
          const box = this.inbox[i]!;
          const at = box.findIndex((m) => m.type === type);
          if (at >= 0) return box.splice(at, 1)[0] as Msg<K>;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for "${type}" from generator ${i}`);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left);
            this.wake[i] = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }),
    );
  }

  /** Closes sockets, then the processes; kills any that linger. */
  async close(): Promise<void> {
    this.closing = true;
    const alive = this.children.filter((c) => c.exitCode === null && c.signalCode === null);
    if (alive.length === 0) return;
    try {
      this.send({ type: 'disconnect' });
      await this.collect('disconnected', 10_000);
    } catch {
      // Killed below either way.
    }
    await Promise.all(
      alive.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => c.kill('SIGKILL'), 5_000);
            c.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (c.connected) c.disconnect();
            else c.kill('SIGTERM');
          }),
      ),
    );
  }
}
