/**
 * What the composition root needs of a messenger channel: start it, stop it, and say how it is doing.
 * Everything platform-specific stays inside the channel's own folder.
 */
export interface RunningChannel {
  readonly name: 'telegram' | 'zalo' | 'console';
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): 'running' | 'failed';
}
