import AsyncStorage from '@react-native-async-storage/async-storage';
import * as FileSystem from 'expo-file-system';
import { apiBase, authHeaders } from '../config';
import { flushOutbox, outboxSize } from '../sync/outbox';
import { navigate } from '../navigation';

const STATE_KEY = '@tracker/state';
const SETTINGS_KEY = '@tracker/settings';
const REMINDER_PREFIX = '@tracker/reminder:';
const GOAL_PREFIX = '@tracker/goal:';
const USER_KEYS = [STATE_KEY, SETTINGS_KEY, '@tracker/token', '@tracker/profile'];

export type Workout = { id: string; kind: string; startedAt: string; minutes: number; notes?: string };
export type Reminder = { id: string; time: string; label: string; weekdays: number[] };
export type Goal = { id: string; metric: 'minutes' | 'sessions'; target: number; period: 'week' | 'month' };

type TrackerState = { workouts: Workout[]; streak: number; lastSyncedAt: number | null };

const initialState: TrackerState = { workouts: [], streak: 0, lastSyncedAt: null };
let state: TrackerState = initialState;

export function currentState(): TrackerState {
  return state;
}

export async function hydrate(): Promise<TrackerState> {
  try {
    const raw = await AsyncStorage.getItem(STATE_KEY);
    state = raw ? JSON.parse(raw) : initialState;
  } catch (err) {
    console.warn('[session] could not restore state', err);
    state = initialState; // expect: no-read-failure-as-empty
  }
  return state;
}

export async function persist(next: TrackerState): Promise<void> {
  state = next;
  await AsyncStorage.setItem(STATE_KEY, JSON.stringify(next));
}

const defaultSettings = { units: 'metric' as 'metric' | 'imperial', reminders: true, weekStartsOn: 1 };
export type Settings = typeof defaultSettings;

export async function loadSettings(): Promise<Settings> {
  const raw = await AsyncStorage.getItem(SETTINGS_KEY);
  if (raw == null) return { ...defaultSettings };
  try {
    return { ...defaultSettings, ...JSON.parse(raw) };
  } catch (err) {
    await AsyncStorage.setItem(`${SETTINGS_KEY}.corrupt`, raw);
    return { ...defaultSettings }; // near-miss: no-read-failure-as-empty (raw value saved under a backup key first)
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await AsyncStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

async function keysWithPrefix(prefix: string): Promise<string[]> {
  const all = await AsyncStorage.getAllKeys();
  return all.filter((k) => k.startsWith(prefix));
}

/** Reminders are edited on the web too; the phone mirrors the server list. */
export async function refreshReminders(): Promise<void> {
  const res = await fetch(`${apiBase}/reminders`, { headers: await authHeaders() });
  const reminders: Reminder[] = await res.json();
  const stale = await keysWithPrefix(REMINDER_PREFIX);
  await AsyncStorage.multiRemove(stale); // expect: no-wipe-then-refill
  await AsyncStorage.multiSet(reminders.map((r) => [REMINDER_PREFIX + r.id, JSON.stringify(r)]));
}

export async function refreshGoals(): Promise<void> {
  const res = await fetch(`${apiBase}/goals`, { headers: await authHeaders() });
  if (!res.ok) throw new Error(`GET /goals failed with ${res.status}`);
  const goals: Goal[] = await res.json();
  if (!Array.isArray(goals) || goals.length === 0) return;
  const stale = await keysWithPrefix(GOAL_PREFIX);
  await AsyncStorage.multiRemove(stale); // near-miss: no-wipe-then-refill (status and contents checked before the clear)
  await AsyncStorage.multiSet(goals.map((g) => [GOAL_PREFIX + g.id, JSON.stringify(g)]));
}

export async function logout(): Promise<void> {
  await AsyncStorage.clear(); // expect: no-reset-without-sync
  state = initialState;
  navigate('SignIn');
}

export async function switchAccount(nextEmail: string): Promise<void> {
  await flushOutbox();
  const left = await outboxSize();
  if (left > 0) {
    throw new Error(`${left} workouts are still waiting to upload. Connect to the internet and try again.`);
  }
  await AsyncStorage.multiRemove(USER_KEYS); // near-miss: no-reset-without-sync (outbox flushed and checked first)
  state = initialState;
  navigate('SignIn', { prefill: nextEmail });
}

export async function clearAllCaches(): Promise<void> {
  const thumbs = `${FileSystem.cacheDirectory}thumbnails/`;
  await FileSystem.deleteAsync(thumbs, { idempotent: true }); // near-miss: no-reset-without-sync (cache directory, not user data)
}
