// Blog composer: drafts autosave to localForage (IndexedDB under the hood) and are
// published through the JSON API with ky.
import localforage from 'localforage';
import ky, { HTTPError } from 'ky';

export type Draft = { id: string; title: string; body: string; savedAt: number };
export type SaveStatus = 'saved' | 'saving' | 'unsaved';

const drafts = localforage.createInstance({ name: 'composer', storeName: 'drafts' });
const api = ky.create({ prefixUrl: '/api', retry: 2, timeout: 20_000 });

let saveTimer: ReturnType<typeof setTimeout> | undefined;

export function scheduleSave(id: string, title: string, body: string): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    drafts.setItem(id, { id, title, body, savedAt: Date.now() }); // expect: no-floating-write
  }, 500);
}

export function scheduleSaveWithStatus(
  id: string,
  title: string,
  body: string,
  setStatus: (status: SaveStatus) => void,
): void {
  clearTimeout(saveTimer);
  setStatus('saving');
  saveTimer = setTimeout(() => {
    drafts
      .setItem(id, { id, title, body, savedAt: Date.now() }) // near-miss: no-floating-write
      .then(() => setStatus('saved'))
      .catch(() => setStatus('unsaved'));
  }, 500);
}

export function rememberCursor(id: string, offset: number): void {
  drafts.setItem(`${id}:cursor`, offset).catch(() => {}); // expect: no-swallowed-write-error
}

export async function publishLegacy(id: string): Promise<void> {
  const draft = await drafts.getItem<Draft>(id);
  if (!draft) return;
  try {
    await api.post('posts', { json: { id, title: draft.title, body: draft.body } }); // near-miss: no-unchecked-upload-response
  } catch (err) {
    await drafts.removeItem(id); // expect: no-destroy-before-backup
    throw err;
  }
  await drafts.removeItem(id); // near-miss: no-destroy-before-backup
}

export async function publish(id: string, notify: (message: string) => void): Promise<void> {
  const draft = await drafts.getItem<Draft>(id);
  if (!draft) return;
  try {
    await api.post('posts', { json: { id, title: draft.title, body: draft.body } }); // near-miss: no-unchecked-upload-response
  } catch (err) { // near-miss: no-swallowed-write-error
    const reason = err instanceof HTTPError ? `the server answered ${err.response.status}` : 'you appear to be offline';
    notify(`Not published: ${reason}. Your draft is still saved on this device.`);
    throw err;
  }
  await drafts.removeItem(id); // near-miss: no-destroy-before-backup
}

export async function listDrafts(): Promise<Draft[]> {
  const out: Draft[] = [];
  await drafts.iterate<Draft, void>((value, key) => {
    if (!key.endsWith(':cursor')) out.push(value);
  });
  return out.sort((a, b) => b.savedAt - a.savedAt);
}
