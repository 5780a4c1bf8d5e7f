import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { CheckinListSchema, type CheckinList } from '../../../contracts/checkin.ts';
import type { Scan, ScanStore } from './checkin-queue.ts';

/**
 * What the door device keeps (IndexedDB): the check-in list of each event opened here (names and
 * organisations of confirmed registrations, ticket checksums; no e-mail addresses), the scans
 * waiting for upload, and who last opened the door here while signed in (so that a reload
 * without network can go on). A scan is written durably before the page shows its result and
 * deleted after the server answered. "Einlassliste von diesem Gerät löschen" removes an event's
 * list when its queue is empty.
 */

/** The person who last opened a door page here while signed in (staff or admin). */
export interface DoorProfile {
  userId: string;
  displayName: string;
}

interface CheckinDb extends DBSchema {
  lists: { key: string; value: { eventId: string; list: CheckinList; savedAt: string } };
  scans: { key: string; value: Scan; indexes: { eventId: string } };
  settings: { key: 'profile'; value: DoorProfile };
}

let opened: Promise<IDBPDatabase<CheckinDb>> | null = null;

function db(): Promise<IDBPDatabase<CheckinDb>> {
  opened ??= openDB<CheckinDb>('itas-checkin', 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('lists', { keyPath: 'eventId' });
        database.createObjectStore('scans', { keyPath: 'id' }).createIndex('eventId', 'eventId');
      }
      if (oldVersion < 2) database.createObjectStore('settings');
    },
  }).catch((err: unknown) => {
    opened = null; // e.g. storage blocked: the next call tries again
    throw err;
  });
  return opened;
}

export const scanStore: ScanStore & { add(scan: Scan): Promise<void> } = {
  async pending(eventId) {
    return (await db()).getAllFromIndex('scans', 'eventId', eventId);
  },
  async add(scan) {
    const tx = (await db()).transaction('scans', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put(scan), tx.done]);
  },
  async remove(ids) {
    if (ids.length === 0) return;
    const tx = (await db()).transaction('scans', 'readwrite', { durability: 'strict' });
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  },
};

export async function loadList(eventId: string): Promise<CheckinList | null> {
  const entry = await (await db()).get('lists', eventId);
  const parsed = CheckinListSchema.safeParse(entry?.list);
  return parsed.success ? parsed.data : null;
}

export async function saveList(list: CheckinList): Promise<void> {
  await (await db()).put('lists', { eventId: list.event.id, list, savedAt: new Date().toISOString() });
}

export async function forgetList(eventId: string): Promise<void> {
  await (await db()).delete('lists', eventId);
}

export async function loadDoorProfile(): Promise<DoorProfile | null> {
  const value = (await (await db()).get('settings', 'profile')) as Partial<DoorProfile> | undefined;
  return typeof value?.userId === 'string' && typeof value.displayName === 'string'
    ? { userId: value.userId, displayName: value.displayName }
    : null;
}

export async function saveDoorProfile(profile: DoorProfile): Promise<void> {
  await (await db()).put('settings', profile, 'profile');
}

export async function clearDoorProfile(): Promise<void> {
  await (await db()).delete('settings', 'profile');
}

/** SHA-256 of a ticket as hex, as the server lists it (Web Crypto: pages served over HTTPS or localhost). */
export async function ticketHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
