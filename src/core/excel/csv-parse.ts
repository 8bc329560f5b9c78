/**
 * RFC 4180 CSV as Excel and WPS write it, parsed incrementally from text chunks:
 * quoted fields with "" escapes, delimiters and line breaks inside quotes, CRLF / LF / CR
 * record ends. Lenient where Excel is: a quote inside an unquoted field is literal, and
 * text after a closing quote is appended. Fields are returned verbatim (no trimming).
 */
export class CsvParser {
  private field = "";
  private record: string[] = [];
  /** 0 = at field start, 1 = unquoted, 2 = quoted, 3 = quote seen inside quoted, 4 = CR seen */
  private state = 0;
  private out: string[][] = [];
  private readonly delim: number;

  constructor(delimiter = ",") {
    this.delim = delimiter.charCodeAt(0);
  }

  push(text: string): string[][] {
    const d = this.delim;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 4: // CR seen: swallow a following LF
          this.state = 0;
          if (c === 10) {
            i++;
            continue;
          }
          continue;
        case 2: {
          // Fast path: copy the run up to the next quote.
          const q = text.indexOf('"', i);
          if (q < 0) {
            this.field += text.slice(i);
            i = n;
          } else {
            this.field += text.slice(i, q);
            this.state = 3;
            i = q + 1;
          }
          continue;
        }
        case 3:
          if (c === 34) {
            this.field += '"';
            this.state = 2;
            i++;
            continue;
          }
          this.state = 1; // closing quote: fall through to unquoted handling of c
          break;
        case 0:
          if (c === 34) {
            this.state = 2;
            i++;
            continue;
          }
          this.state = 1;
          break;
      }
      // state 1: unquoted
      if (c === d) {
        this.endField();
        this.state = 0;
      } else if (c === 10) {
        this.endRecord();
      } else if (c === 13) {
        this.endRecord();
        this.state = 4;
      } else {
        let j = i + 1;
        while (j < n) {
          const cj = text.charCodeAt(j);
          if (cj === d || cj === 10 || cj === 13) break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
        continue;
      }
      i++;
    }
    return this.take();
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): string[][] {
    if (this.state !== 0 && this.state !== 4) this.endRecord();
    else if (this.record.length > 0) this.endRecord();
    return this.take();
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
  }

  private endRecord(): void {
    this.endField();
    this.out.push(this.record);
    this.record = [];
    this.state = 0;
  }

  private take(): string[][] {
    const r = this.out;
    this.out = [];
    return r;
  }
}

/**
 * Excel's "Unicode text" export is tab-separated; everything else is comma-separated.
 * Decided on the first lines: whichever of tab or comma occurs more outside quotes.
 */
export function guessDelimiter(sample: string): "," | "\t" {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < sample.length && lines < 30; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ",") commas++;
    else if (c === "\t") tabs++;
    else if (c === "\n") lines++;
  }
  return tabs > commas ? "\t" : ",";
}
