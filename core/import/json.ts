import { DomainError } from '../../common/result.ts';

// A streaming reader for a JSON array of claims: it finds each top-level element's text and parses that
// alone, so a large file is never parsed whole, and a broken element is reported with its number.

export type JsonRecord = { row: number; value?: unknown; error?: string };

export const MAX_ELEMENT_CHARS = 1_000_000;

export class JsonArrayReader {
  private started = false;
  private finished = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private inElement = false;
  private tooLong = false;
  private index = 0;
  private readonly out: JsonRecord[] = [];

  push(text: string): JsonRecord[] {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (!this.started) {
        if (/\s/.test(c)) continue;
        if (c !== '[') throw new DomainError('INVALID_INPUT', 'A JSON import must be an array of claims: the file should start with "[".');
        this.started = true;
        continue;
      }
      if (this.finished) {
        if (!/\s/.test(c)) throw new DomainError('INVALID_INPUT', `The JSON file has more text after the closing "]" of the array (after claim ${this.index}).`);
        continue;
      }
      if (this.inString) {
        this.add(c);
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (this.depth === 0 && (c === ',' || c === ']')) {
        if (this.inElement) this.emit();
        else if (c === ',') this.out.push({ row: ++this.index, error: 'is empty (two commas in a row)' });
        if (c === ']') this.finished = true;
        continue;
      }
      if (!this.inElement) {
        if (/\s/.test(c)) continue;
        this.inElement = true;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if (c === '}' || c === ']') this.depth = Math.max(0, this.depth - 1);
      this.add(c);
    }
    return this.out.splice(0);
  }

  end(): JsonRecord[] {
    if (!this.started) throw new DomainError('INVALID_INPUT', 'The file is empty: it has no claims.');
    if (!this.finished) throw new DomainError('INVALID_INPUT', `The JSON file ends before the array is closed (after claim ${this.index + (this.inElement ? 1 : 0)}): it may have been cut off.`);
    return this.out.splice(0);
  }

  private add(c: string) {
    if (this.element.length >= MAX_ELEMENT_CHARS) this.tooLong = true;
    else this.element += c;
  }

  private emit() {
    const row = ++this.index;
    if (this.tooLong) this.out.push({ row, error: `is longer than ${MAX_ELEMENT_CHARS.toLocaleString('en-US')} characters` });
    else {
      try {
        this.out.push({ row, value: JSON.parse(this.element) as unknown });
      } catch (e) {
        this.out.push({ row, error: `is not valid JSON (${(e as Error).message})` });
      }
    }
    this.element = '';
    this.inElement = false;
    this.tooLong = false;
    this.depth = 0;
  }
}
