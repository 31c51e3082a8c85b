import { breakdownTask } from './breakdownTask.ts';
import { opinionGroupsTask } from './opinionGroupsTask.ts';

/**
 * The tasks a worker thread can run, by name. Each is a pure function of
 * structured-cloneable input (typed arrays travel as transferables) that
 * returns structured-cloneable output; no I/O, no shared state. To add a
 * task (reports, breakdowns, exports…): write it in its own file, add it
 * here, and call `pool.run('<name>', input)`; types follow from this table.
 */
export const tasks = {
  opinionGroups: opinionGroupsTask,
  breakdown: breakdownTask,
} as const;

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Parameters<Tasks[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<Tasks[N]>;

/** What the pool posts to a worker. */
export interface TaskMessage<N extends TaskName = TaskName> {
  name: N;
  input: TaskInput<N>;
}

/** Runs one task by name (in a worker thread, or inline in tests). */
export function runTask<N extends TaskName>(message: TaskMessage<N>): TaskOutput<N> {
  if (!Object.hasOwn(tasks, message.name)) throw new Error(`Unknown worker task: ${String(message.name)}`);
  const task = tasks[message.name] as (input: TaskInput<N>) => TaskOutput<N>;
  return task(message.input);
}
