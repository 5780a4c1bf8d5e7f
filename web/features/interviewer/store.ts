import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { PublicWaveSchema, type PublicWave } from '../../../contracts/study.ts';
import { InterviewerWavesSchema, type InterviewerWaves } from '../../../contracts/study-admin.ts';
import type { PendingInterview, QueueStore } from './queue.ts';

/**
 * What the interviewer app keeps on the tablet (IndexedDB): the interviews waiting for upload,
 * the questionnaires of the waves used here, and a few settings. Nothing leaves the device but
 * through the upload, and an interview is deleted only after the server confirmed it.
 */

/** The person who last signed in here as interviewer: lets the app start without network. */
export interface Profile {
  userId: string;
  displayName: string;
}

/** The wave and place chosen on this device. */
export interface Setup {
  code: string;
  place: string;
}

interface CachedWave {
  code: string;
  wave: PublicWave;
  cachedAt: string;
}

interface Settings {
  profile: Profile;
  setup: Setup;
  waveList: InterviewerWaves;
}

interface InterviewerDb extends DBSchema {
  interviews: { key: string; value: PendingInterview };
  waves: { key: string; value: CachedWave };
  settings: { key: keyof Settings; value: Settings[keyof Settings] };
}

const DB_NAME = 'itas-interviewer';
let opened: Promise<IDBPDatabase<InterviewerDb>> | null = null;

function db(): Promise<IDBPDatabase<InterviewerDb>> {
  opened ??= openDB<InterviewerDb>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('interviews', { keyPath: 'id' });
      database.createObjectStore('waves', { keyPath: 'code' });
      database.createObjectStore('settings');
    },
  }).catch((err: unknown) => {
    opened = null; // e.g. storage blocked: the next call tries again
    throw err;
  });
  return opened;
}

/** The queue in IndexedDB. Writes wait for a durable commit ("strict"): "gespeichert" must mean on disk. */
export const interviewStore: QueueStore = {
  async list() {
    return (await db()).getAll('interviews');
  },
  async put(items) {
    if (items.length === 0) return;
    const tx = (await db()).transaction('interviews', 'readwrite', { durability: 'strict' });
    await Promise.all([...items.map((item) => tx.store.put(item)), tx.done]);
  },
  async remove(ids) {
    if (ids.length === 0) return;
    const tx = (await db()).transaction('interviews', 'readwrite', { durability: 'strict' });
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  },
};

export async function cachedWave(code: string): Promise<PublicWave | null> {
  const entry = await (await db()).get('waves', code);
  const parsed = PublicWaveSchema.safeParse(entry?.wave);
  return parsed.success ? parsed.data : null;
}

export async function cacheWave(wave: PublicWave): Promise<void> {
  await (await db()).put('waves', { code: wave.code, wave, cachedAt: new Date().toISOString() });
}

async function getSetting<K extends keyof Settings>(key: K): Promise<unknown> {
  return (await db()).get('settings', key);
}

async function putSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await (await db()).put('settings', value, key);
}

export async function loadProfile(): Promise<Profile | null> {
  const value = (await getSetting('profile')) as Partial<Profile> | undefined;
  return typeof value?.userId === 'string' && typeof value.displayName === 'string'
    ? { userId: value.userId, displayName: value.displayName }
    : null;
}

export const saveProfile = (profile: Profile) => putSetting('profile', profile);

export async function clearProfile(): Promise<void> {
  await (await db()).delete('settings', 'profile');
}

export async function loadSetup(): Promise<Setup | null> {
  const value = (await getSetting('setup')) as Partial<Setup> | undefined;
  return typeof value?.code === 'string' && typeof value.place === 'string' ? { code: value.code, place: value.place } : null;
}

export const saveSetup = (setup: Setup) => putSetting('setup', setup);

/** The waves offered the last time the list could be loaded (for choosing offline). */
export async function cachedWaveList(): Promise<InterviewerWaves | null> {
  const parsed = InterviewerWavesSchema.safeParse(await getSetting('waveList'));
  return parsed.success ? parsed.data : null;
}

export const cacheWaveList = (list: InterviewerWaves) => putSetting('waveList', list);
