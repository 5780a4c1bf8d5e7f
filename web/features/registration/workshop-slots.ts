/**
 * Workshops that begin at the same time run in parallel: a person can attend one of them. The
 * form shows one group of radio buttons per time slot ("keinen" included), and sends the
 * chosen workshop ids.
 */

export interface Timed {
  id: string;
  startsAt: string;
  endsAt: string;
}

export interface WorkshopSlot<T extends Timed> {
  /** The start instant, which also names the slot. */
  key: string;
  startsAt: string;
  /** The latest end among the slot's workshops. */
  endsAt: string;
  workshops: T[];
}

const instant = (iso: string) => new Date(iso).getTime();

/** Groups workshops by their start (the same instant, whatever offset it is written with), earliest first. */
export function groupWorkshopSlots<T extends Timed>(workshops: readonly T[]): WorkshopSlot<T>[] {
  const slots = new Map<number, WorkshopSlot<T>>();
  for (const workshop of workshops) {
    const start = instant(workshop.startsAt);
    const slot = slots.get(start);
    if (!slot) {
      slots.set(start, { key: new Date(start).toISOString(), startsAt: workshop.startsAt, endsAt: workshop.endsAt, workshops: [workshop] });
      continue;
    }
    slot.workshops.push(workshop);
    if (instant(workshop.endsAt) > instant(slot.endsAt)) slot.endsAt = workshop.endsAt;
  }
  return [...slots.entries()].sort(([a], [b]) => a - b).map(([, slot]) => slot);
}

/** The choice per slot (slot key → workshop id, '' for none) from a list of chosen workshop ids. */
export function choicesFromIds<T extends Timed>(slots: readonly WorkshopSlot<T>[], ids: readonly string[]): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const slot of slots) {
    choices[slot.key] = slot.workshops.find((w) => ids.includes(w.id))?.id ?? '';
  }
  return choices;
}

/** The chosen workshop ids, in slot order; slots left at "none" are skipped, ids of no slot ignored. */
export function idsFromChoices<T extends Timed>(slots: readonly WorkshopSlot<T>[], choices: Readonly<Record<string, string>>): string[] {
  return slots.flatMap((slot) => {
    const id = choices[slot.key];
    return id && slot.workshops.some((w) => w.id === id) ? [id] : [];
  });
}
