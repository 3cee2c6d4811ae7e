// The only ways the core reaches the disk or the network: the faces (VS Code, CLI, tests) supply these.

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface FileHost {
  /** File text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** Entries of a directory, or [] when it does not exist. */
  readDir(path: string): Promise<DirEntry[]>;
}

export interface FetchResult {
  status: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  /** The body's bytes (the caller decodes them: a charset may be in the body or in the Content-Type); empty when `tooLarge`. */
  body: Uint8Array;
  /** Set when the body was longer than `maxBytes`: reading stopped there. */
  tooLarge?: boolean;
}

export interface FetchHost {
  fetchBytes(url: string, headers: Record<string, string>, maxBytes: number): Promise<FetchResult>;
}
