import { describe, expect, it } from 'vitest';
import { DEMO_EVENTS } from '../../seed/demo-events.ts';
import { useTestApp } from '../../test/test-app.ts';
import { sessionWarnings } from './programme.ts';

describe('demo events', () => {
  const t = useTestApp();

  it('seeds the three congresses, an upcoming Zukunftsforum and an internal Policy Lab once, marked as demo data', async () => {
    await t.app.services.events.seedDemo(DEMO_EVENTS);
    await t.app.services.events.seedDemo(DEMO_EVENTS);
    const anon = t.client();
    const past = (await anon.get('/api/events?zeit=vergangen')).json().items as {
      slug: string;
      demo: boolean;
      series: { title: string } | null;
    }[];
    expect(past.map((e) => e.slug)).toEqual(['kongress-2025', 'kongress-2024', 'kongress-2023']);
    expect(past.every((e) => e.demo && e.series?.title === 'Kongress Automobilregion Südwestsachsen')).toBe(true);
    const upcoming = (await anon.get('/api/events?zeit=kommend')).json().items.map((e: { slug: string }) => e.slug);
    expect(upcoming).toEqual(['zukunftsforum-qualifizierung-2027']);
    expect((await anon.get('/api/events/policy-lab-fachkraefte-2026')).statusCode).toBe(404);

    const programme = (await anon.get('/api/events/kongress-2025')).json();
    expect(programme.event.venue.city).toBe('Zwickau');
    const slots = programme.days[0].slots as { start: string; sessions: { title: string; type: string }[] }[];
    expect(slots[0]!.sessions[0]!.type).toBe('begruessung');
    const afternoon = slots.find((s) => s.sessions.length === 3)!;
    expect(afternoon.sessions.map((s) => s.title).sort()).toEqual([
      'Circular Cars – Made in Sachsen',
      'Menschenleere Produktion 2035?',
      'Veränderungskompetenz Transformation',
    ]);
    expect(programme.people.every((p: { name: string }) => p.name.includes('(fiktiv)'))).toBe(true);
  });

  it('has programmes without overlaps in a room or sessions outside their event', () => {
    for (const { event, sessions } of DEMO_EVENTS.events)
      sessions.forEach((s, i) => {
        const others = sessions.map((o, j) => ({ ...o, id: String(j) }));
        expect(sessionWarnings(event, { ...s, id: String(i) }, others), `${event.slug}: ${s.title}`).toEqual([]);
      });
  });
});
