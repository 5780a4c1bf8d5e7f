/**
 * The questionnaire as text in the editor: parsing it, and saying where a JSON syntax error sits
 * (line and column), the same in every browser. JSON.parse's own messages differ between engines
 * and name no line, so a small scanner finds the spot. Pure: no browser API.
 */

export type JsonProblem =
  | 'empty'
  | 'unexpectedEnd'
  | 'unexpectedCharacter'
  | 'trailingComma'
  | 'expectedPropertyName'
  | 'expectedColon'
  | 'expectedCommaOrBrace'
  | 'expectedCommaOrBracket'
  | 'unterminatedString'
  | 'controlCharacter'
  | 'badEscape'
  | 'badNumber'
  | 'trailingContent'
  | 'notAnObject';

export interface JsonSyntaxError {
  problem: JsonProblem;
  /** Position in the text (UTF-16 units), for placing the cursor. */
  offset: number;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  /** The text of that line, to show next to the message. */
  lineText: string;
}

export type ParsedDefinition = { ok: true; definition: Record<string, unknown> } | { ok: false; error: JsonSyntaxError };

/** Line and column (both 1-based) of a position in a text; "\r\n" counts as one line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number; lineText: string } {
  const at = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  return { line, column: at - lineStart + 1, lineText };
}

/** How many lines the editor shows (an empty text is one empty line). */
export function lineCount(text: string): number {
  return text.split('\n').length;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

type State = 'value' | 'firstValueOrEnd' | 'key' | 'firstKeyOrEnd' | 'afterValue';

/**
 * The first syntax error of a text that JSON.parse refused: which problem, at which position.
 * Iterative (an explicit stack), so deeply nested input cannot overflow the call stack.
 */
export function findJsonError(text: string): { problem: JsonProblem; offset: number } {
  const n = text.length;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let state: State = 'value';
  let afterComma = false;

  const skipWhitespace = () => {
    while (i < n && WHITESPACE.has(text[i]!)) i++;
  };

  /** Reads a string starting at the opening quote; returns an error or null. */
  const readString = (): { problem: JsonProblem; offset: number } | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return null;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) return { problem: 'unterminatedString', offset: start };
        if (next === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) return { problem: 'badEscape', offset: i };
          i += 6;
        } else if (ESCAPES.has(next)) i += 2;
        else return { problem: 'badEscape', offset: i };
        continue;
      }
      // A raw line break inside a string: mostly a closing quote that is missing.
      if (c.charCodeAt(0) < 0x20) return { problem: 'controlCharacter', offset: i };
      i++;
    }
    return { problem: 'unterminatedString', offset: start };
  };

  skipWhitespace();
  if (i >= n) return { problem: 'empty', offset: 0 };

  for (;;) {
    skipWhitespace();
    if (state === 'afterValue') {
      if (stack.length === 0) return i < n ? { problem: 'trailingContent', offset: i } : { problem: 'unexpectedEnd', offset: n };
      if (i >= n) return { problem: 'unexpectedEnd', offset: n };
      const top = stack[stack.length - 1]!;
      const c = text[i]!;
      if (c === ',') {
        i++;
        afterComma = true;
        state = top === '{' ? 'key' : 'value';
      } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        stack.pop();
        i++;
      } else return { problem: top === '{' ? 'expectedCommaOrBrace' : 'expectedCommaOrBracket', offset: i };
      continue;
    }

    if (i >= n) return { problem: 'unexpectedEnd', offset: n };
    const c = text[i]!;

    if (state === 'key' || state === 'firstKeyOrEnd') {
      if (c === '}') {
        if (state === 'key') return { problem: afterComma ? 'trailingComma' : 'expectedPropertyName', offset: i };
        stack.pop();
        i++;
        state = 'afterValue';
        continue;
      }
      if (c !== '"') return { problem: 'expectedPropertyName', offset: i };
      const err = readString();
      if (err) return err;
      skipWhitespace();
      if (i >= n) return { problem: 'unexpectedEnd', offset: n };
      if (text[i] !== ':') return { problem: 'expectedColon', offset: i };
      i++;
      afterComma = false;
      state = 'value';
      continue;
    }

    // state: value or firstValueOrEnd
    if (c === ']') {
      if (state === 'value') return { problem: afterComma ? 'trailingComma' : 'unexpectedCharacter', offset: i };
      stack.pop();
      i++;
      state = 'afterValue';
      continue;
    }
    afterComma = false;
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'firstKeyOrEnd' : 'firstValueOrEnd';
      continue;
    }
    if (c === '"') {
      const err = readString();
      if (err) return err;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return { problem: 'badNumber', offset: i };
      i += match[0].length;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return { problem: 'unexpectedCharacter', offset: i };
    state = 'afterValue';
  }
}

function syntaxError(text: string, problem: JsonProblem, offset: number): JsonSyntaxError {
  return { problem, offset, ...lineAndColumn(text, offset) };
}

/** The editor's text as a questionnaire definition: a JSON object, or where and why it is not one. */
export function parseDefinition(text: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { problem, offset } = findJsonError(text);
    return { ok: false, error: syntaxError(text, problem, offset) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    const start = text.length - text.trimStart().length;
    return { ok: false, error: syntaxError(text, 'notAnObject', start) };
  }
  return { ok: true, definition: value as Record<string, unknown> };
}

/** A definition as the editor shows it: two spaces of indentation, as people write it by hand. */
export function formatDefinition(definition: unknown): string {
  return JSON.stringify(definition, null, 2);
}

/** The text of an uploaded file: a byte order mark (as some Windows editors write) is no JSON. */
export function fileText(raw: string): string {
  return raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where in the text a problem of the server's check sits, when that can be told for sure: the
 * question a variable name belongs to, or a property name that occurs only once. Null otherwise
 * (better no jump than a jump to the wrong place).
 */
export function locateProblem(text: string, path: string): number | null {
  if (path === '') return null;
  if (/^[A-Za-z_][\w-]*$/.test(path)) {
    const question = new RegExp(`"name"\\s*:\\s*"${escapeRegExp(path)}"`).exec(text);
    if (question) return question.index;
  }
  const key = path
    .split('.')
    .pop()!
    .replace(/(\[\d+\])+$/, '');
  if (key === '') return null;
  const matches = [...text.matchAll(new RegExp(`"${escapeRegExp(key)}"\\s*:`, 'g'))];
  return matches.length === 1 ? matches[0]!.index : null;
}
