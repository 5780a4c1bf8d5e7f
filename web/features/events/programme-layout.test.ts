import { describe, expect, it } from 'vitest';
import { isParallel, layoutProgramme, roomOrder, type Timed } from './programme-layout.ts';

const s = (id: string, start: string, end: string, room: string): Timed => ({
  id,
  startsAt: `2025-10-16T${start}:00+02:00`,
  endsAt: `2025-10-16T${end}:00+02:00`,
  room,
});

const ids = (list: Timed[]) => list.map((x) => x.id);

describe('layoutProgramme', () => {
  const programme = [
    s('ws2', '13:30', '15:00', 'Raum B'),
    s('begruessung', '09:00', '09:30', 'Saal'),
    s('ws1', '13:30', '15:00', 'Raum A'),
    s('keynote', '09:30', '10:15', 'Saal'),
    s('ws3', '13:30', '15:00', 'Saal'),
    s('abschluss', '15:00', '16:00', 'Saal'),
  ];

  it('puts sessions that run at the same time in different rooms side by side', () => {
    const [day] = layoutProgramme(programme);
    expect(day?.date).toBe('2025-10-16');
    expect(day?.slots.map((slot) => slot.columns.map((c) => ids(c.sessions)))).toEqual([
      [['begruessung']],
      [['keynote']],
      // Columns in the event's room order: Saal was used first.
      [['ws3'], ['ws1'], ['ws2']],
      [['abschluss']],
    ]);
    expect(day?.slots.map((slot) => isParallel(slot))).toEqual([false, false, true, false]);
  });

  it('keeps staggered sessions that overlap in one slot, stacked per room', () => {
    const [day] = layoutProgramme([
      s('a1', '10:00', '11:00', 'A'),
      s('b', '10:00', '12:00', 'B'),
      s('a2', '11:00', '12:00', 'A'),
      s('c', '12:00', '13:00', 'A'),
    ]);
    expect(day?.slots).toHaveLength(2);
    expect(day?.slots[0]?.columns.map((c) => [c.room, ...ids(c.sessions)])).toEqual([
      ['A', 'a1', 'a2'],
      ['B', 'b'],
    ]);
    expect(day?.slots[0]?.endsAt).toBe('2025-10-16T12:00:00+02:00');
  });

  it('splits days at midnight in Berlin, not in UTC', () => {
    const days = layoutProgramme([
      { id: 'late', startsAt: '2025-10-16T21:00:00Z', endsAt: '2025-10-16T21:30:00Z', room: 'Saal' },
      { id: 'early', startsAt: '2025-10-16T22:30:00Z', endsAt: '2025-10-16T23:30:00Z', room: 'Saal' },
    ]);
    expect(days.map((d) => [d.date, ...d.slots.flatMap((x) => x.columns.flatMap((c) => ids(c.sessions)))])).toEqual([
      ['2025-10-16', 'late'],
      ['2025-10-17', 'early'],
    ]);
  });

  it('leaves out sessions without valid times and handles an empty programme', () => {
    expect(layoutProgramme([])).toEqual([]);
    expect(layoutProgramme([{ id: 'x', startsAt: 'bald', endsAt: 'später', room: 'A' }])).toEqual([]);
  });

  it('orders rooms by first use', () => {
    expect(roomOrder(programme)).toEqual(['Saal', 'Raum A', 'Raum B']);
  });
});
