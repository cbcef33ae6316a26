import Realm from 'realm';
import AsyncStorage from '@react-native-async-storage/async-storage';
import { MMKV } from 'react-native-mmkv';
import axios from 'axios';
import { z } from 'zod';
import { API_BASE } from '../config';

const ShoppingItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  qty: z.string(),
  checked: z.boolean(),
  recipeId: z.string().nullable(),
});
const ShoppingListSchema = z.array(ShoppingItemSchema);
type ShoppingItem = z.infer<typeof ShoppingItemSchema>;

const http = axios.create({ baseURL: API_BASE, timeout: 15_000 });
const pantry = new MMKV({ id: 'pantry' });
const MEAL_PLAN_PREFIX = 'mealplan:';

// Aliases such as "scallion" -> "spring onion"; rebuilt from the server, never persisted.
const aliasIndex = new Map<string, string>();

/** Pull-to-refresh on the shopping list tab (household shared list). */
export async function pullShoppingList(realm: Realm, householdId: string): Promise<number> {
  realm.write(() => {
    realm.delete(realm.objects('ShoppingItem')); // expect: no-wipe-then-refill
  });
  const { data } = await http.get<ShoppingItem[]>(`/households/${householdId}/shopping-list`);
  realm.write(() => {
    for (const item of data) realm.create('ShoppingItem', item, Realm.UpdateMode.Modified);
  });
  return data.length;
}

/** Background refresh scheduled by the sync worker. */
export async function refreshShoppingList(realm: Realm, householdId: string): Promise<number> {
  const { data } = await http.get(`/households/${householdId}/shopping-list`);
  const items = ShoppingListSchema.parse(data);
  realm.write(() => {
    realm.delete(realm.objects('ShoppingItem')); // near-miss: no-wipe-then-refill (validated, clear and refill in one Realm write)
    for (const item of items) realm.create('ShoppingItem', item, Realm.UpdateMode.Modified);
  });
  return items.length;
}

async function mealPlanKeys(): Promise<string[]> {
  const all = await AsyncStorage.getAllKeys();
  return all.filter((k) => k.startsWith(MEAL_PLAN_PREFIX));
}

export async function pullMealPlan(week: string): Promise<void> {
  const res = await fetch(`${API_BASE}/meal-plans/${week}`);
  const days: Array<{ date: string; recipeIds: string[] }> = await res.json();
  await AsyncStorage.multiRemove(await mealPlanKeys()); // expect: no-wipe-then-refill
  await AsyncStorage.multiSet(days.map((d) => [MEAL_PLAN_PREFIX + d.date, JSON.stringify(d.recipeIds)]));
}

export async function syncMealPlan(week: string): Promise<number> {
  const res = await fetch(`${API_BASE}/meal-plans/${week}`);
  if (!res.ok) throw new Error(`meal plan ${week}: HTTP ${res.status}`);
  const days: Array<{ date: string; recipeIds: string[] }> = await res.json();
  if (!Array.isArray(days) || days.length === 0) return 0;
  await AsyncStorage.multiRemove(await mealPlanKeys()); // near-miss: no-wipe-then-refill (status and payload checked before the clear)
  await AsyncStorage.multiSet(days.map((d) => [MEAL_PLAN_PREFIX + d.date, JSON.stringify(d.recipeIds)]));
  return days.length;
}

/** "Restore pantry" button in settings after reinstalling the app. */
export function restorePantryFromServer(userId: string): Promise<void> {
  return http.get(`/users/${userId}/pantry`).then(({ data }) => {
    pantry.clearAll(); // expect: no-wipe-then-refill
    Object.entries(data as Record<string, number>).forEach(([ingredient, count]) => {
      pantry.set(ingredient, count);
    });
  });
}

/** Same restore, used by the onboarding flow. */
export function mergePantryFromServer(userId: string): Promise<number> {
  return http.get(`/users/${userId}/pantry`).then(({ data }) => {
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new Error('pantry: unexpected payload');
    }
    const counts = data as Record<string, number>;
    const entries = Object.entries(counts);
    if (entries.length === 0) return 0;
    pantry.clearAll(); // near-miss: no-wipe-then-refill (payload validated, empty answer returns first)
    for (const [ingredient, count] of entries) pantry.set(ingredient, count);
    return entries.length;
  });
}

export async function refreshAliases(): Promise<void> {
  const { data } = await http.get<Array<[string, string]>>('/ingredients/aliases');
  aliasIndex.clear(); // near-miss: no-wipe-then-refill (in-memory Map)
  for (const [alias, canonical] of data) aliasIndex.set(alias, canonical);
}

export function canonicalName(name: string): string {
  return aliasIndex.get(name.toLowerCase()) ?? name;
}
