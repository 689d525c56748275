/**
 * The file system DuckDB-WASM sees: a `DuckDBRuntime` (the JS half of its web file
 * system, called synchronously from wasm) that answers reads of the files registered
 * for the running query from their prefetched ranges (range-file.ts), and nothing else.
 *
 * The stock BROWSER_RUNTIME would reach for XMLHttpRequest (absent in workerd) for
 * http/s3 paths and silently create empty in-memory files for unknown names (so a
 * `COPY … TO 'x'` would succeed and a later query, maybe another project's, could read
 * 'x'). Here every path that is not one of the query's files is refused, writes are
 * refused, and there is no network at all: this is the sandbox's file layer.
 *
 * Refusals go through DuckDB's `duckdb_web_fail_with`, which raises a C++ exception
 * inside the wasm (it unwinds through this JS frame: the EH build), so DuckDB cleans up
 * and the query fails with our message. Throwing a JS error here instead would skip
 * C++ destructors and leave locks held.
 */
import type { DuckDBModuleLike, DuckDBLib } from "./duckdb-lib";
import type { RangeFile } from "./range-file";

/** What DuckDB's web FS tells us about a file id (camelCased JSON in 1.28). */
interface FileInfo {
  fileId: number;
  fileName: string;
  dataProtocol: number;
}

export const MISS_PREFIX = "monoscope:range-miss";

export class RangeRuntime {
  /** Files the running query may read, by the name its SQL uses. */
  private readonly files = new Map<string, RangeFile>();
  private readonly byId = new Map<number, RangeFile>();
  /** Files DuckDB opened that the query may not touch, with the error every use raises. */
  private readonly refusedIds = new Map<number, string>();
  /** Every path DuckDB asked for that was refused (for tests and logs). */
  readonly refused: string[] = [];
  /** Set by the engine when a read missed: the query's error is then ours, not DuckDB's. */
  missed = false;

  // Fields the bindings poke at (registerFileHandle, createScalarFunction).
  _files = new Map<string, unknown>();
  _udfFunctions = new Map<number, unknown>();

  constructor(private readonly lib: DuckDBLib) {}

  allow(file: RangeFile): void {
    this.files.set(file.name, file);
  }

  disallowAll(): void {
    this.files.clear();
    this.byId.clear();
    this.refusedIds.clear();
    this._files.clear();
  }

  private info(mod: DuckDBModuleLike, fileId: number): FileInfo | null {
    const [status, data, size] = this.lib.callSRet(mod, "duckdb_web_fs_get_file_info_by_id", ["number", "number"], [fileId, 0]);
    if (status !== 0 || size === 0) return null;
    const json = this.lib.readString(mod, data, size);
    this.lib.dropResponseBuffers(mod);
    return JSON.parse(json) as FileInfo | null;
  }

  /** What the package's failWith does, minus its console.error on every refusal. */
  private fail(mod: DuckDBModuleLike, message: string): void {
    mod.ccall("duckdb_web_fail_with", null, ["string"], [message]);
  }

  // ---- DuckDBRuntime ----

  testPlatformFeature(_mod: DuckDBModuleLike, feature: number): boolean {
    return feature === 1 ? typeof BigInt64Array !== "undefined" : false;
  }

  getDefaultDataProtocol(): number {
    return this.lib.DuckDBDataProtocol.BROWSER_FILEREADER;
  }

  /**
   * Returns a pointer to [size, 0] (f64 × 2): "read through readFile, this big".
   *
   * A refused file is not failed here. Failing inside the open unwinds through
   * WebFileSystem::OpenFile's error path, which in duckdb-wasm 1.28 erases the file from
   * its tables and then, when the half-built handle closes, erases it again through an
   * end() iterator: undefined behaviour that hangs the isolate (seen with COPY … TO and
   * ATTACH 'file' run on the bindings directly). So a refused file opens as one byte
   * that fails every read and write: the statement still fails with our message, and
   * DuckDB closes the handle on that error, which removes the file cleanly.
   */
  openFile(mod: DuckDBModuleLike, fileId: number, flags: number): number {
    const info = this.info(mod, fileId);
    const name = info?.fileName ?? `#${fileId}`;
    const file = this.files.get(name);
    let size = 1;
    if (!file) {
      this.refuse(fileId, name, `file access is not allowed: ${name}`);
    } else if (flags !== 1 /* FILE_FLAGS_READ */) {
      this.refuse(fileId, name, `file ${name} is read-only`);
    } else {
      this.byId.set(fileId, file);
      size = file.size;
    }
    const result = mod._malloc(16);
    mod.HEAPF64[result >> 3] = size;
    mod.HEAPF64[(result >> 3) + 1] = 0;
    return result;
  }

  private refuse(fileId: number, name: string, message: string): void {
    this.refused.push(name);
    this.refusedIds.set(fileId, message);
  }

  readFile(mod: DuckDBModuleLike, fileId: number, buf: number, bytes: number, location: number): number {
    if (bytes === 0) return 0;
    const file = this.byId.get(fileId);
    if (!file) {
      this.fail(mod, this.refusedIds.get(fileId) ?? `file #${fileId} is not open`);
      return 0;
    }
    const n = file.read(location, bytes, mod.HEAPU8.subarray(buf, buf + bytes));
    if (n < 0) {
      this.missed = true;
      this.fail(mod, `${MISS_PREFIX} ${file.name} ${location}+${bytes}`);
      return 0;
    }
    return n;
  }

  closeFile(_mod: DuckDBModuleLike, fileId: number): void {
    this.byId.delete(fileId);
    this.refusedIds.delete(fileId);
  }

  syncFile(): void {}

  getLastFileModificationTime(): number {
    return 0;
  }

  writeFile(mod: DuckDBModuleLike, fileId: number): number {
    this.fail(mod, this.refusedIds.get(fileId) ?? "writing files is not allowed");
    return 0;
  }

  /** Called inside the open of a file created for writing: see openFile for why a refused one passes here. */
  truncateFile(mod: DuckDBModuleLike, fileId: number): void {
    if (!this.refusedIds.has(fileId)) this.fail(mod, "writing files is not allowed");
  }

  checkFile(mod: DuckDBModuleLike, pathPtr: number, pathLen: number): boolean {
    return this.files.has(this.lib.readString(mod, pathPtr, pathLen));
  }

  checkDirectory(): boolean {
    return false;
  }

  listDirectoryEntries(): boolean {
    return false;
  }

  /** Registered files are matched by DuckDB itself; nothing else exists. */
  glob(): void {}

  createDirectory(mod: DuckDBModuleLike): void {
    this.fail(mod, "creating directories is not allowed");
  }

  removeDirectory(mod: DuckDBModuleLike): void {
    this.fail(mod, "removing directories is not allowed");
  }

  moveFile(mod: DuckDBModuleLike): void {
    this.fail(mod, "moving files is not allowed");
  }

  removeFile(mod: DuckDBModuleLike): void {
    this.fail(mod, "removing files is not allowed");
  }

  callScalarUDF(mod: DuckDBModuleLike): void {
    this.fail(mod, "user-defined functions are not available");
  }
}
