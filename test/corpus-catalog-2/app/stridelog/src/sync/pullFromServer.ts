import { MMKV } from 'react-native-mmkv';
import AsyncStorage from '@react-native-async-storage/async-storage';
import Realm from 'realm';
import { API_BASE, authHeaders } from '../api/config';
import { GoalSchema, type Goal, type Badge, type ChallengeEntry } from '../types';

export const goalsStorage = new MMKV({ id: 'stridelog-goals' });
const CHALLENGE_PREFIX = 'stridelog:challenge:';

// In-memory lookup used by the goals screen; rebuilt on every refresh.
const goalIndex = new Map<string, Goal>();

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${API_BASE}${path}`, { headers: await authHeaders() });
  if (!res.ok) throw new Error(`GET ${path} failed with ${res.status}`);
  return (await res.json()) as T;
}

/**
 * Goals are edited on the phone too (a user can change a weekly target offline),
 * and the server copy only catches up on the next push.
 */
export async function refreshGoals(): Promise<void> {
  goalsStorage.clearAll(); // expect: no-wipe-then-refill
  goalIndex.clear();
  const goals = await getJson<Goal[]>('/v1/goals');
  for (const goal of goals) {
    goalsStorage.set(goal.id, JSON.stringify(goal));
    goalIndex.set(goal.id, goal);
  }
}

export async function refreshGoalsChecked(): Promise<void> {
  goalIndex.clear(); // near-miss: no-wipe-then-refill (in-memory Map, not storage)
  const payload = await getJson<unknown[]>('/v1/goals');
  const goals = payload.map((g) => GoalSchema.parse(g));
  if (goals.length === 0) return;
  const keep = new Set(goals.map((g) => g.id));
  for (const goal of goals) {
    goalsStorage.set(goal.id, JSON.stringify(goal));
    goalIndex.set(goal.id, goal);
  }
  for (const key of goalsStorage.getAllKeys()) {
    if (!keep.has(key)) goalsStorage.delete(key);
  }
}

/**
 * Challenge leaderboard entries include the user's own logged efforts.
 */
export async function refreshChallenge(challengeId: string): Promise<void> {
  const res = await fetch(`${API_BASE}/v1/challenges/${challengeId}/entries`, {
    headers: await authHeaders(),
  });
  const entries: ChallengeEntry[] = await res.json();
  const existing = (await AsyncStorage.getAllKeys()).filter((k) => k.startsWith(CHALLENGE_PREFIX + challengeId));
  await AsyncStorage.multiRemove(existing); // expect: no-wipe-then-refill
  await AsyncStorage.multiSet(
    entries.map((e) => [`${CHALLENGE_PREFIX}${challengeId}:${e.id}`, JSON.stringify(e)] as [string, string]),
  );
}

export async function refreshBadges(): Promise<void> {
  const res = await fetch(`${API_BASE}/v1/badges`, { headers: await authHeaders() });
  if (!res.ok) {
    throw new Error(`badges: HTTP ${res.status}`);
  }
  const badges: Badge[] = await res.json();
  if (!Array.isArray(badges) || badges.length === 0) {
    return;
  }
  const existing = (await AsyncStorage.getAllKeys()).filter((k) => k.startsWith('stridelog:badge:'));
  await AsyncStorage.multiRemove(existing); // near-miss: no-wipe-then-refill (response checked and non-empty before the clear)
  await AsyncStorage.multiSet(badges.map((b) => [`stridelog:badge:${b.id}`, JSON.stringify(b)] as [string, string]));
}

// ---------------------------------------------------------------------------
// Shoes (gear mileage) live in Realm.
// ---------------------------------------------------------------------------

type ShoeRow = { _id: string; name: string; km: number; retired: boolean };

export async function refreshShoes(realm: Realm): Promise<void> {
  const shoes = await getJson<ShoeRow[]>('/v1/gear/shoes');
  realm.write(() => {
    realm.delete(realm.objects('Shoe')); // near-miss: no-wipe-then-refill (delete and refill inside one Realm write transaction)
    for (const shoe of shoes) {
      realm.create('Shoe', shoe, Realm.UpdateMode.Modified);
    }
  });
}
