// What the core service needs from the platform it runs on (VS Code's workspace.fs, Node's fs, memory in tests).
import type { FileHost } from '../host';

/** A post as read for a check: its text (only the first MAX_POST_BYTES of a larger file), or why it cannot be checked. */
export type PostRead =
  | { kind: 'text'; text: string; /** The whole file's size in bytes. */ size: number; /** Only the file's start was read. */ partial: boolean }
  | { kind: 'problem'; rule: 'file/unreadable' | 'file/not-text'; message: string; /** 1-based. */ line: number; column: number };

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  path: string;
  kind: FileChangeKind;
}

export interface Disposable {
  dispose(): void;
}

export interface RecapHost extends FileHost {
  /**
   * Reads a post for a check, telling a file that is not UTF-8 text or cannot be read (the CLI's reader);
   * without it a post is read with `readFile`.
   */
  readPost?(path: string): Promise<PostRead>;
  /** Files created, changed or deleted outside the service (a watcher): caches that depend on them start over. */
  onDidChangeFiles?(listener: (changes: readonly FileChange[]) => void): Disposable;
}

/** A tiny event emitter: the core has no `vscode.EventEmitter` and no Node `events`. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
