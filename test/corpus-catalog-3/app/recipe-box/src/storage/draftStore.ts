import AsyncStorage from '@react-native-async-storage/async-storage';
import { logger } from '../util/logger';

export type RecipeDraft = {
  id: string;
  title: string;
  servings: number;
  ingredients: { name: string; qty: string }[];
  steps: string[];
  updatedAt: number;
};

type DraftMap = Record<string, RecipeDraft>;

const DRAFTS_KEY = 'recipebox:drafts:v2';
const LAST_OPENED_KEY = 'recipebox:last-opened-draft';

function parseDrafts(raw: string | null): DraftMap {
  if (!raw) return {};
  const parsed = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('drafts: expected an object keyed by draft id');
  }
  return parsed as DraftMap;
}

/**
 * Read by the home-screen widget bridge (native module calls into JS on cold start).
 * Kept separate from DraftStore so the widget does not pay for the editor's state.
 */
export async function readAllDrafts(): Promise<DraftMap> {
  try {
    const raw = await AsyncStorage.getItem(DRAFTS_KEY);
    return parseDrafts(raw);
  } catch (err) {
    logger.warn('drafts unreadable, widget starts from an empty list', err);
    return {}; // expect: no-read-failure-as-empty
  }
}

export async function touchDraftFromWidget(id: string): Promise<void> {
  const drafts = await readAllDrafts();
  const draft = drafts[id];
  if (!draft) return;
  drafts[id] = { ...draft, updatedAt: Date.now() };
  await AsyncStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

export class DraftStore {
  private drafts: DraftMap = {};
  private loaded = false;

  async load(): Promise<DraftMap> {
    const raw = await AsyncStorage.getItem(DRAFTS_KEY);
    try {
      this.drafts = parseDrafts(raw);
    } catch (err) {
      // Park the damaged blob under its own key so the next save cannot overwrite it.
      await AsyncStorage.setItem(`${DRAFTS_KEY}:corrupt:${Date.now()}`, raw ?? '');
      logger.error('drafts were corrupt; a copy was kept for support', err);
      this.drafts = {}; // near-miss: no-read-failure-as-empty (damaged value saved under a backup key first)
    }
    this.loaded = true;
    return this.drafts;
  }

  get(id: string): RecipeDraft | undefined {
    return this.drafts[id];
  }

  async save(draft: RecipeDraft): Promise<void> {
    if (!this.loaded) await this.load();
    this.drafts[draft.id] = { ...draft, updatedAt: Date.now() };
    const payload = JSON.stringify(this.drafts);
    try {
      await AsyncStorage.setItem(DRAFTS_KEY, payload);
    } catch (err) {
      // Android caps AsyncStorage at 6 MB: make room and try once more.
      logger.warn('draft save failed, freeing space', err);
      await AsyncStorage.clear(); // expect: no-destroy-on-error
      await AsyncStorage.setItem(DRAFTS_KEY, payload);
    }
  }

  async saveStep(draftId: string, index: number, text: string): Promise<boolean> {
    if (!this.loaded) await this.load();
    const draft = this.drafts[draftId];
    if (!draft) return false;
    draft.steps[index] = text;
    draft.updatedAt = Date.now();
    try {
      await AsyncStorage.setItem(DRAFTS_KEY, JSON.stringify(this.drafts));
      return true;
    } catch (err) {
      // The editor shows "Storage full" and keeps the text in memory; nothing is freed behind the user's back.
      logger.error('could not save step', err);
      return false; // near-miss: no-destroy-on-error (failure reported to the caller, nothing deleted)
    }
  }

  async discard(id: string): Promise<void> {
    if (!this.loaded) await this.load();
    delete this.drafts[id];
    await AsyncStorage.setItem(DRAFTS_KEY, JSON.stringify(this.drafts));
  }
}

export async function rememberLastOpened(id: string): Promise<void> {
  try {
    await AsyncStorage.setItem(LAST_OPENED_KEY, id);
  } catch (err) {
    logger.warn('could not remember last draft', err);
    await AsyncStorage.removeItem(LAST_OPENED_KEY); // near-miss: no-destroy-on-error (removes exactly the key the failed write was writing)
  }
}
