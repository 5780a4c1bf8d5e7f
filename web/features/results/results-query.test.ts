import { describe, expect, it } from 'vitest';
import { queryFromSearch, queryKey, withChoice } from './results-query.ts';

describe('results query in the URL', () => {
  it('is weighted and unfiltered by default', () => {
    expect(queryFromSearch(new URLSearchParams(''))).toEqual({ weighted: 'true' });
  });

  it('reads the weighting switch and the filters, and ignores unknown or overlong values', () => {
    const query = queryFromSearch(new URLSearchParams('weighted=false&district=14511&sex=2&foo=bar&age_band=123456789'));
    expect(query).toEqual({ weighted: 'false', district: '14511', sex: '2' });
  });

  it('keeps defaults out of the URL', () => {
    let search = withChoice(new URLSearchParams(''), { weighted: false });
    expect(search.toString()).toBe('weighted=false');
    search = withChoice(search, { breakdown: 'district', group: '14523' });
    expect(search.toString()).toBe('weighted=false&district=14523');
    search = withChoice(withChoice(search, { weighted: true }), { breakdown: 'district', group: '' });
    expect(search.toString()).toBe('');
  });

  it('gives different keys to different queries', () => {
    expect(queryKey({ weighted: 'true' })).not.toBe(queryKey({ weighted: 'false' }));
    expect(queryKey({ weighted: 'true', sex: '1' })).not.toBe(queryKey({ weighted: 'true', sex: '2' }));
  });
});
