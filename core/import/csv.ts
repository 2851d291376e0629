// A streaming RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, fed in chunks of any size.
// A malformed record (a stray quote, text after a closing quote, an oversize field) is returned with an
// error naming the problem, and reading goes on with the next line, so one bad row never hides the rest.

export type CsvRecord = { row: number; cells: string[]; error?: string };

/** Longer than any real field; a field past this is almost always a quote that was never closed. */
export const MAX_FIELD_CHARS = 100_000;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterQuote,
}

export class CsvReader {
  private state = State.FieldStart;
  private field = '';
  private cells: string[] = [];
  private error: string | undefined;
  private line = 1;
  private recordLine = 1;
  private skipLf = false;
  private readonly out: CsvRecord[] = [];

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.skipLf) {
        this.skipLf = false;
        if (c === '\n') continue;
      }
      switch (this.state) {
        case State.Quoted:
          if (c === '"') this.state = State.QuoteInQuoted;
          else {
            if (c === '\n') this.line++;
            this.add(c);
          }
          break;
        case State.QuoteInQuoted:
          if (c === '"') {
            this.add('"');
            this.state = State.Quoted;
          } else {
            this.state = State.AfterQuote;
            this.unquoted(c);
          }
          break;
        default:
          this.unquoted(c);
      }
    }
    return this.out.splice(0);
  }

  /** The end of the file: completes the last record, and names a quote that was never closed. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) {
      this.fail(`a quoted field that starts on this row is never closed (a " is missing), so the rest of the file was read as part of it`);
      this.endRecord();
    } else if (this.state !== State.FieldStart || this.cells.length > 0) this.endRecord();
    return this.out.splice(0);
  }

  private unquoted(c: string) {
    if (c === ',') {
      this.endField();
      return;
    }
    if (c === '\n' || c === '\r') {
      this.endRecord();
      this.line++;
      this.recordLine = this.line;
      if (c === '\r') this.skipLf = true;
      return;
    }
    if (this.state === State.FieldStart) {
      if (c === '"') {
        this.state = State.Quoted;
        return;
      }
      this.state = State.Unquoted;
    } else if (this.state === State.AfterQuote) {
      this.fail(`a quoted field is followed by other text before the next comma (field ${this.cells.length + 1})`);
    } else if (c === '"') {
      this.fail(`a quote appears inside a field that does not start with one (field ${this.cells.length + 1}); quote the whole field and double the inner quotes`);
    }
    this.add(c);
  }

  private add(c: string) {
    if (this.error) return;
    if (this.field.length >= MAX_FIELD_CHARS) {
      this.fail(`field ${this.cells.length + 1} is longer than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`);
      return;
    }
    this.field += c;
  }

  private fail(message: string) {
    this.error ??= message;
  }

  private endField() {
    this.cells.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord() {
    this.endField();
    const blank = this.cells.every((f) => f.trim() === '');
    if (!blank || this.error) this.out.push(this.error ? { row: this.recordLine, cells: this.cells, error: this.error } : { row: this.recordLine, cells: this.cells });
    this.cells = [];
    this.error = undefined;
  }
}
