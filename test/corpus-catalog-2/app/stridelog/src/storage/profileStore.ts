import { MMKV } from 'react-native-mmkv';
import * as FileSystem from 'expo-file-system';
import type { HeartRateZones, ShoeRotation, UserProfile, WeeklyGoal } from '../types';

/**
 * Local profile data that the user edits in Settings and that is pushed to
 * the server only when they tap "Sync profile".
 */
const storage = new MMKV({ id: 'stridelog-profile' });

const PROFILE_KEY = 'profile';
const ZONES_KEY = 'hrZones';
const SEEN_TIPS_KEY = 'seenTips';

const ROTATION_FILE = `${FileSystem.documentDirectory}shoe-rotation.json`;
const GOALS_FILE = `${FileSystem.documentDirectory}weekly-goals.json`;

const initialProfile: UserProfile = {
  displayName: '',
  birthYear: null,
  weightKg: null,
  restingHr: null,
  units: 'metric',
};

// ---------------------------------------------------------------------------
// MMKV-backed values
// ---------------------------------------------------------------------------

export function loadProfile(): UserProfile {
  try {
    const raw = storage.getString(PROFILE_KEY);
    return raw ? { ...initialProfile, ...JSON.parse(raw) } : initialProfile;
  } catch {
    return initialProfile; // expect: no-read-failure-as-empty
  }
}

export function saveProfile(profile: UserProfile): void {
  storage.set(PROFILE_KEY, JSON.stringify(profile));
}

export function loadZones(): HeartRateZones | null {
  const raw = storage.getString(ZONES_KEY);
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as HeartRateZones;
  } catch (error) {
    storage.set(`${ZONES_KEY}.unreadable`, raw);
    return null; // near-miss: no-read-failure-as-empty (damaged value copied to a backup key first)
  }
}

export function saveZones(zones: HeartRateZones): void {
  storage.set(ZONES_KEY, JSON.stringify(zones));
}

export function loadSeenTips(): string[] {
  try {
    return JSON.parse(storage.getString(SEEN_TIPS_KEY) ?? '[]');
  } catch {
    return []; // near-miss: no-read-failure-as-empty (UI-state key)
  }
}

export function markTipSeen(tip: string): void {
  storage.set(SEEN_TIPS_KEY, JSON.stringify([...new Set([...loadSeenTips(), tip])]));
}

// ---------------------------------------------------------------------------
// File-backed values (expo-file-system)
// ---------------------------------------------------------------------------

export function loadShoeRotation(): Promise<ShoeRotation> {
  return FileSystem.readAsStringAsync(ROTATION_FILE)
    .then((text) => JSON.parse(text) as ShoeRotation)
    .catch(() => ({ shoes: [], order: [] })); // expect: no-read-failure-as-empty
}

export async function saveShoeRotation(rotation: ShoeRotation): Promise<void> {
  await FileSystem.writeAsStringAsync(ROTATION_FILE, JSON.stringify(rotation));
}

export async function loadWeeklyGoals(): Promise<WeeklyGoal[]> {
  const info = await FileSystem.getInfoAsync(GOALS_FILE);
  if (!info.exists) return [];
  const text = await FileSystem.readAsStringAsync(GOALS_FILE);
  try {
    return JSON.parse(text) as WeeklyGoal[];
  } catch (error) {
    await FileSystem.copyAsync({ from: GOALS_FILE, to: `${GOALS_FILE}.corrupt-${Date.now()}` });
    throw error; // near-miss: no-read-failure-as-empty (keeps a copy and rethrows)
  }
}

export async function saveWeeklyGoals(goals: WeeklyGoal[]): Promise<void> {
  await FileSystem.writeAsStringAsync(GOALS_FILE, JSON.stringify(goals));
}
