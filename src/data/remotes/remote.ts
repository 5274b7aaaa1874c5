/**
 * What push and pull need from a remote. Keys are relative to the remote's root (its directory,
 * or its bucket and prefix). Every implementation makes a new key appear whole or not at all.
 */
export interface Remote {
  /** For messages: "s3://bucket/prefix (http://127.0.0.1:4568)", "/mnt/share/poc-remote". */
  readonly description: string;
  /** Every key under `prefix` with its size: the remote's state now, never a cached belief. */
  list(prefix: string): Promise<Map<string, number>>;
  putBytes(key: string, data: Buffer, sha256: string): Promise<void>;
  putFile(key: string, file: string, size: number, sha256: string): Promise<void>;
  /** The object's bytes, or undefined when the key does not exist. */
  getBytes(key: string): Promise<Buffer | undefined>;
  /** Streams the object to `file`, returning what was written; throws when the key is missing. */
  getToFile(key: string, file: string): Promise<{ sha256: string; size: number }>;
  deleteKeys(keys: string[]): Promise<void>;
}
