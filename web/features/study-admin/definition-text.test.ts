import { describe, expect, it } from 'vitest';
import { fileText, findJsonError, formatDefinition, lineAndColumn, lineCount, locateProblem, parseDefinition } from './definition-text.ts';

describe('questionnaire text in the editor', () => {
  it('accepts a JSON object as definition', () => {
    const parsed = parseDefinition('{ "pages": [ { "name": "seite_1" } ] }');
    expect(parsed).toEqual({ ok: true, definition: { pages: [{ name: 'seite_1' }] } });
  });

  it('points to the line and column of a missing value', () => {
    const text = '{\n  "title": "Welle",\n  "pages": \n}';
    const parsed = parseDefinition(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ problem: 'unexpectedCharacter', line: 4, column: 1, lineText: '}' });
    expect(text[parsed.error.offset]).toBe('}');
  });

  it.each([
    ['{"a": 1,}', 'trailingComma', 1, 9],
    ['[1, 2,]', 'trailingComma', 1, 7],
    ['{"a" 1}', 'expectedColon', 1, 6],
    ['{"a": 1 "b": 2}', 'expectedCommaOrBrace', 1, 9],
    ['[1 2]', 'expectedCommaOrBracket', 1, 4],
    ["{'a': 1}", 'expectedPropertyName', 1, 2],
    ['{"a": "Ende\n"}', 'controlCharacter', 1, 12],
    ['{"a": "\\x"}', 'badEscape', 1, 8],
    ['{"a": -}', 'badNumber', 1, 7],
    ['{"a": 1} x', 'trailingContent', 1, 10],
    ['{"a": [1, 2', 'unexpectedEnd', 1, 12],
    ['{"a": "offen', 'unterminatedString', 1, 7],
    ['{"a": tru}', 'unexpectedCharacter', 1, 7],
    ['   ', 'empty', 1, 1],
  ])('%j: %s at line %i, column %i', (text, problem, line, column) => {
    const parsed = parseDefinition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ problem, line, column });
  });

  it('refuses JSON that is not an object: a questionnaire is one', () => {
    for (const text of ['[]', '"Fragebogen"', ' 42', 'null']) {
      const parsed = parseDefinition(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error.problem).toBe('notAnObject');
    }
  });

  it('counts Windows line breaks as one and shows the line without its carriage return', () => {
    const text = '{\r\n  "a": 1,\r\n  "b": \r\n}';
    const parsed = parseDefinition(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ line: 4, column: 1 });
    expect(lineAndColumn(text, 5)).toEqual({ line: 2, column: 3, lineText: '  "a": 1,' });
  });

  it('finds the error in deeply nested text without running out of stack', () => {
    const text = '['.repeat(200_000) + '}';
    expect(findJsonError(text)).toEqual({ problem: 'unexpectedCharacter', offset: 200_000 });
  });

  it('counts lines as the editor shows them', () => {
    expect(lineCount('')).toBe(1);
    expect(lineCount('{\n}')).toBe(2);
    expect(lineCount('{\n}\n')).toBe(3);
  });

  it('drops the byte order mark some editors put at the start of a file', () => {
    expect(parseDefinition(fileText('\uFEFF{"pages": []}')).ok).toBe(true);
    expect(parseDefinition('\uFEFF{"pages": []}').ok).toBe(false);
  });
});

describe('problems of the server check in the text', () => {
  const text = formatDefinition({
    pages: [
      {
        name: 'seite_1',
        elements: [
          { type: 'dropdown', name: 'ort', choicesByUrl: { url: 'x' } },
          { type: 'text', name: 'plz', title: 't' },
        ],
      },
    ],
    title: 'T',
  });

  it('finds the question a variable name belongs to', () => {
    const at = locateProblem(text, 'plz');
    expect(at).not.toBeNull();
    expect(text.slice(at!, at! + 13)).toBe('"name": "plz"');
  });

  it('finds a property that occurs once, and does not guess between several', () => {
    const at = locateProblem(text, 'pages[0].elements[0].choicesByUrl');
    expect(text.slice(at!, at! + 14)).toBe('"choicesByUrl"');
    expect(locateProblem(text, 'pages[0].elements[1].title')).toBeNull();
    expect(locateProblem(text, '')).toBeNull();
  });
});
