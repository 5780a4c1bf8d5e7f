import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchPeople } from './checkin-search.ts';

const people = [
  { name: 'Łukasz Żółć', organisation: 'Politechnika Wrocławska' },
  { name: 'Jürgen Groß', organisation: 'Stadt Zwickau' },
  { name: 'Anna Müller-Lüdenscheidt', organisation: 'Groß & Söhne GmbH' },
  { name: 'Søren Ærø', organisation: '' },
  { name: 'Zoë Çelik', organisation: 'Westsächsische Hochschule' },
];
const names = (q: string) => searchPeople(people, q).map((p) => p.name);

describe('name search at the door', () => {
  it('folds accents, ß and letters that Unicode does not decompose', () => {
    expect(normalizeForSearch('Łukasz Żółć')).toBe('lukasz zolc');
    expect(normalizeForSearch('Jürgen GROSS')).toBe('jurgen gross');
    expect(normalizeForSearch('Groß')).toBe('gross');
    expect(normalizeForSearch('Søren  Ærø')).toBe('soren aero');
    expect(normalizeForSearch('Müller-Lüdenscheidt')).toBe('muller ludenscheidt');
    // The same name typed in decomposed form (NFD) matches the composed one.
    expect(normalizeForSearch('Zoe\u0308')).toBe(normalizeForSearch('Zoë'));
  });

  it('finds people without accents typed, across name and organisation', () => {
    expect(names('lukasz zolc')).toEqual(['Łukasz Żółć']);
    expect(names('jurgen')).toEqual(['Jürgen Groß']);
    expect(names('zwickau')).toEqual(['Jürgen Groß']);
    expect(names('wroclaw')).toEqual(['Łukasz Żółć']);
    expect(names('zoe celik')).toEqual(['Zoë Çelik']);
  });

  it('puts name matches before organisation matches and needs every word', () => {
    expect(names('gross')).toEqual(['Jürgen Groß', 'Anna Müller-Lüdenscheidt']);
    expect(names('anna zwickau')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });
});
