import localforage from 'localforage';
import axios, { type AxiosInstance } from 'axios';

type Subscription = { url: string; title?: string; addedAt: number };
type PlayPosition = { episodeId: string; seconds: number; updatedAt: number };

const subsStore = localforage.createInstance({ name: 'podcatcher', storeName: 'subscriptions' });
const positionsStore = localforage.createInstance({ name: 'podcatcher', storeName: 'positions' });
const episodeStore = localforage.createInstance({ name: 'podcatcher', storeName: 'episodes' });

function gpodderClient(username: string, password: string): AxiosInstance {
  return axios.create({
    baseURL: 'https://gpodder.net/api/2',
    auth: { username, password },
    timeout: 20_000,
  });
}

/** Settings → Sync → "Import from gpodder.net". */
export async function importFromGpodder(username: string, password: string, device: string): Promise<number> {
  const gpodder = gpodderClient(username, password);
  await subsStore.clear(); // expect: no-wipe-then-refill
  const { data } = await gpodder.get<string[]>(`/subscriptions/${username}/${device}.json`);
  for (const url of data) {
    await subsStore.setItem<Subscription>(url, { url, addedAt: Date.now() });
  }
  return data.length;
}

/** Nightly sync with gpodder.net. */
export async function syncFromGpodder(username: string, password: string, device: string): Promise<number> {
  const gpodder = gpodderClient(username, password);
  const { data } = await gpodder.get<unknown>(`/subscriptions/${username}/${device}.json`);
  if (!Array.isArray(data) || data.length === 0 || data.some((u) => typeof u !== 'string')) {
    throw new Error('gpodder returned no usable subscription list; local subscriptions left as they are');
  }
  const previous = new Map<string, Subscription>();
  await subsStore.iterate<Subscription, void>((value, key) => {
    previous.set(key, value);
  });
  await subsStore.clear(); // near-miss: no-wipe-then-refill (response validated before the clear)
  for (const url of data as string[]) {
    await subsStore.setItem<Subscription>(url, previous.get(url) ?? { url, addedAt: Date.now() });
  }
  return data.length;
}

async function collectPositions(): Promise<PlayPosition[]> {
  const positions: PlayPosition[] = [];
  await positionsStore.iterate<PlayPosition, void>((p) => {
    positions.push(p);
  });
  return positions;
}

async function pushPlayPositions(api: AxiosInstance, username: string): Promise<void> {
  const positions = await collectPositions();
  if (positions.length === 0) return;
  await api.post(`/episodes/${username}.json`, positions.map((p) => ({ episode: p.episodeId, action: 'play', position: p.seconds, timestamp: new Date(p.updatedAt).toISOString() })));
}

/** Troubleshooting → "Reset library". */
export async function resetLibrary(): Promise<void> {
  await episodeStore.clear(); // expect: no-reset-without-sync
  await positionsStore.clear();
  await subsStore.clear();
  localStorage.removeItem('podcatcher:last-played');
}

/** Account → "Reset library and sign out of gpodder". */
export async function resetLibraryAndSignOut(username: string, password: string): Promise<void> {
  const api = gpodderClient(username, password);
  await pushPlayPositions(api, username);
  await episodeStore.clear(); // near-miss: no-reset-without-sync (positions pushed first; a failed push rejects)
  await positionsStore.clear();
  await subsStore.clear();
  localStorage.removeItem('podcatcher:last-played');
}

export async function savePosition(episodeId: string, seconds: number): Promise<void> {
  await positionsStore.setItem<PlayPosition>(episodeId, { episodeId, seconds, updatedAt: Date.now() });
}

export async function listSubscriptions(): Promise<Subscription[]> {
  const subs: Subscription[] = [];
  await subsStore.iterate<Subscription, void>((s) => {
    subs.push(s);
  });
  return subs.sort((a, b) => a.addedAt - b.addedAt);
}
