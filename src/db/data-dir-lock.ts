// PGlite has no directory lock, and two processes on one directory silently lose writes (STACK.md 3.1).
// Every process that opens a data directory holds this exclusive lock file for as long as it runs.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'modgov.lock';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirInUseError extends Error {
  readonly code = 'storage.data_dir_in_use';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dir} is in use by process ${holder.pid} on ${holder.host} ` +
        `("${holder.command}", since ${holder.since}). Embedded PGlite allows one process at a time: ` +
        `stop that process first, or point DATABASE_URL at a PostgreSQL server to run several.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

/** Takes the lock or throws DataDirInUseError naming the holder. Returns a release function. */
export function acquireDataDirLock(dir: string, command: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readHolder(path);
        if (holder?.pid === process.pid) rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      const stale = holder === null || (holder.host === me.host && !isAlive(holder.pid));
      if (!stale) throw new DataDirInUseError(dir, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${path}`);
}
