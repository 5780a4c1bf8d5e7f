import { describe, expect, it } from 'vitest';
import { loggedPath } from './logger.ts';

describe('logged request paths', () => {
  it('drop the query string, which may carry tokens or search terms', () => {
    expect(loggedPath('/api/users?q=erika.muster')).toBe('/api/users');
    expect(loggedPath('/b/resilienz2026?einladung=ab3kx7mq2p')).toBe('/b/resilienz2026');
  });

  it('hide a panel invitation code, so no log line ties a letter to a moment of answering', () => {
    expect(loggedPath('/api/study/waves/resilienz2026/invitations/ab3kx7mq2p')).toBe('/api/study/waves/resilienz2026/invitations/[code]');
    expect(loggedPath('/api/waves/0b9c/invitations')).toBe('/api/waves/0b9c/invitations');
  });
});
