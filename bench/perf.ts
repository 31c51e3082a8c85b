import { spawn } from 'node:child_process';

/**
 * Optional syscall counts of the server over a window, from kernel
 * tracepoints via `perf stat` (cheap: no ptrace). Used to see how many
 * commits (fdatasync) and socket writes the server makes per second.
 * Resolves with null where perf or the tracepoints are not available.
 */
export const PERF_EVENTS = [
  'syscalls:sys_enter_fdatasync',
  'syscalls:sys_enter_fsync',
  'syscalls:sys_enter_pwrite64',
  'syscalls:sys_enter_writev',
  'syscalls:sys_enter_write',
  'syscalls:sys_enter_epoll_wait',
  'context-switches',
];

export function perfStat(pid: number, seconds: number): Promise<Record<string, number> | null> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn('perf', ['stat', '-x', ',', '-e', PERF_EVENTS.join(','), '-p', String(pid), '--', 'sleep', String(seconds)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch {
      return resolve(null);
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 10) * 1000);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      const perSec: Record<string, number> = {};
      for (const line of out.split('\n')) {
        const [value, , event] = line.split(',');
        const n = Number(value);
        if (event && Number.isFinite(n)) perSec[event.replace(/^syscalls:sys_enter_/, '')] = Math.round(n / seconds);
      }
      resolve(Object.keys(perSec).length ? perSec : null);
    });
  });
}
