import AsyncStorage from '@react-native-async-storage/async-storage';
import { captureException } from '../telemetry';
import type { GeoPoint, Split, TrainingPlan, WorkoutDraft } from '../types';

const DRAFTS_KEY = 'stridelog:drafts:v2';
const PLAN_KEY = 'stridelog:plan';
const ROUTE_PREFIX = 'stridelog:route:';
const SPLITS_PREFIX = 'stridelog:splits:';

const DEFAULT_PLAN: TrainingPlan = { weeks: [], goalRace: null, startedAt: null };

export class StorageFullError extends Error {
  constructor(readonly key: string, cause: unknown) {
    super(`Not enough space to save ${key}`);
    this.cause = cause;
  }
}

// ---------------------------------------------------------------------------
// Drafts: workouts the user is still editing (manual entries, unsaved notes).
// ---------------------------------------------------------------------------

export async function loadDrafts(): Promise<WorkoutDraft[]> {
  try {
    const raw = await AsyncStorage.getItem(DRAFTS_KEY);
    const parsed = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    captureException(error, { where: 'loadDrafts' });
    return []; // expect: no-read-failure-as-empty
  }
}

export async function saveDrafts(drafts: WorkoutDraft[]): Promise<void> {
  await AsyncStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

export async function upsertDraft(draft: WorkoutDraft): Promise<void> {
  const drafts = await loadDrafts();
  const index = drafts.findIndex((d) => d.id === draft.id);
  if (index >= 0) drafts[index] = draft;
  else drafts.push(draft);
  await saveDrafts(drafts);
}

// ---------------------------------------------------------------------------
// Training plan: same shape of loader, but a damaged value is kept aside.
// ---------------------------------------------------------------------------

export async function loadPlan(): Promise<TrainingPlan> {
  const raw = await AsyncStorage.getItem(PLAN_KEY);
  if (raw === null) return { ...DEFAULT_PLAN };
  try {
    return { ...DEFAULT_PLAN, ...JSON.parse(raw) };
  } catch (error) {
    captureException(error, { where: 'loadPlan' });
    await AsyncStorage.setItem(`${PLAN_KEY}.corrupt.${Date.now()}`, raw);
    return { ...DEFAULT_PLAN }; // near-miss: no-read-failure-as-empty (damaged value saved under a backup key first)
  }
}

export async function savePlan(plan: TrainingPlan): Promise<void> {
  await AsyncStorage.setItem(PLAN_KEY, JSON.stringify(plan));
}

// ---------------------------------------------------------------------------
// GPS routes are large; a long run can hit the AsyncStorage quota on Android.
// ---------------------------------------------------------------------------

async function routeKeys(): Promise<string[]> {
  const keys = await AsyncStorage.getAllKeys();
  return keys.filter((k) => k.startsWith(ROUTE_PREFIX));
}

export async function saveRoute(workoutId: string, points: GeoPoint[]): Promise<void> {
  const value = JSON.stringify(points);
  try {
    await AsyncStorage.setItem(ROUTE_PREFIX + workoutId, value);
  } catch (error) {
    // SQLITE_FULL on Android: drop the older routes and try once more
    const older = (await routeKeys()).filter((k) => k !== ROUTE_PREFIX + workoutId);
    await AsyncStorage.multiRemove(older); // expect: no-destroy-on-error
    await AsyncStorage.setItem(ROUTE_PREFIX + workoutId, value);
  }
}

export async function saveSplits(workoutId: string, splits: Split[]): Promise<void> {
  const key = SPLITS_PREFIX + workoutId;
  try {
    await AsyncStorage.setItem(key, JSON.stringify(splits));
  } catch (error) {
    // A failed setItem can leave a half-written row behind on some devices:
    // remove the entry we were writing, nothing else, and let the caller decide.
    await AsyncStorage.removeItem(key); // near-miss: no-destroy-on-error (removes exactly the key the failed write was writing)
    throw new StorageFullError(key, error);
  }
}

export async function saveRouteSafely(workoutId: string, points: GeoPoint[]): Promise<boolean> {
  try {
    await AsyncStorage.setItem(ROUTE_PREFIX + workoutId, JSON.stringify(points));
    return true;
  } catch (error) {
    // keep every stored route; the screen offers "export and free space"
    captureException(error, { where: 'saveRouteSafely', count: points.length });
    return false; // near-miss: no-destroy-on-error (reports the failure, deletes nothing)
  }
}

export async function loadRoute(workoutId: string): Promise<GeoPoint[] | null> {
  const raw = await AsyncStorage.getItem(ROUTE_PREFIX + workoutId);
  return raw === null ? null : (JSON.parse(raw) as GeoPoint[]);
}
