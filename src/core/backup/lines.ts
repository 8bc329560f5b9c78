import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { isAppError } from "../errors.ts";
import { unreadable } from "./format.ts";

/**
 * Reads the gunzipped lines of a backup one at a time. Stream and zlib failures (a truncated
 * or corrupt file) surface from next() as FILE_UNREADABLE. Reading to the end is what makes
 * zlib verify the gzip checksum, so restore calls next() until it returns null.
 */
export class LineReader {
  private buffer = "";
  /** Where to resume looking for a newline, so a long line is not rescanned per chunk. */
  private scanFrom = 0;
  private ended = false;
  private pushedBack: string | null = null;
  private readonly chunks: AsyncIterator<string>;
  private readonly gunzip = createGunzip();

  constructor(private readonly input: Readable) {
    // pipeline() forwards an input error to gunzip, which rethrows it from the iterator.
    pipeline(input, this.gunzip, () => {});
    this.gunzip.setEncoding("utf8");
    this.chunks = this.gunzip[Symbol.asyncIterator]();
  }

  async next(): Promise<string | null> {
    if (this.pushedBack !== null) {
      const line = this.pushedBack;
      this.pushedBack = null;
      return line;
    }
    for (;;) {
      const at = this.buffer.indexOf("\n", this.scanFrom);
      if (at >= 0) {
        this.scanFrom = 0;
        const line = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 1);
        return line;
      }
      if (this.ended) {
        const rest = this.buffer;
        this.buffer = "";
        return rest === "" ? null : rest;
      }
      let chunk: IteratorResult<string>;
      try {
        chunk = await this.chunks.next();
      } catch (err) {
        if (isAppError(err)) throw err;
        const code = (err as { code?: unknown }).code;
        const zlib = typeof code === "string" && code.startsWith("Z_");
        throw unreadable(
          zlib ? "备份文件已损坏或不完整（解压失败）" : `读取备份失败（${String(err)}）`,
        );
      }
      if (chunk.done) this.ended = true;
      else {
        this.scanFrom = this.buffer.length;
        this.buffer = this.buffer === "" ? chunk.value : this.buffer + chunk.value;
      }
    }
  }

  /** Gives a line back, to be returned by the next call of next(). */
  unread(line: string): void {
    this.pushedBack = line;
  }

  /** Stops reading early (on failure) without leaving the input open. */
  close(): void {
    this.gunzip.destroy();
    this.input.destroy();
  }
}
