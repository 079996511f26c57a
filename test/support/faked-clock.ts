import { existsSync } from 'node:fs';

/** Where Debian's `faketime` package puts its preload library, by architecture. */
const LIBFAKETIME = ['x86_64-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf', 'i386-linux-gnu']
  .map((arch) => `/usr/lib/${arch}/faketime/libfaketime.so.1`)
  .concat(['/usr/lib/faketime/libfaketime.so.1', '/usr/local/lib/faketime/libfaketime.so.1']);

/** The preload library that fakes a child process's wall clock, or null when `faketime` is not installed. */
export const fakeTimeLibrary: string | null = LIBFAKETIME.find((path) => existsSync(path)) ?? null;

/**
 * Environment that starts a child process's wall clock at `instant` and lets it run on (Node's timers
 * keep the real monotonic clock). For command-line commands that read the time themselves.
 */
export function fakedClockEnv(instant: Date): Record<string, string> {
  if (!fakeTimeLibrary) throw new Error('faketime is not installed (apt-get install faketime)');
  const stamp = instant.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  return { LD_PRELOAD: fakeTimeLibrary, FAKETIME: `@${stamp}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' };
}
