// Settings screen: preferences are kept in AsyncStorage and mirrored to the user's account.
import React, { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Switch, Text, View } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';

import { API_BASE } from '../config';

export type Preferences = {
  theme: 'light' | 'dark';
  notifications: boolean;
  units: 'metric' | 'imperial';
};

const PREFS_KEY = '@prefs/v2';
const DIRTY_KEY = '@prefs/dirty';
const DEFAULT_PREFS: Preferences = { theme: 'light', notifications: true, units: 'metric' };

async function loadPrefs(): Promise<Preferences> {
  const raw = await AsyncStorage.getItem(PREFS_KEY);
  return raw ? { ...DEFAULT_PREFS, ...JSON.parse(raw) } : DEFAULT_PREFS;
}

/** First version of the hook: persists on every change. */
export function usePrefsAutosave(initial: Preferences) {
  const [prefs, setPrefs] = useState(initial);
  useEffect(() => {
    AsyncStorage.setItem(PREFS_KEY, JSON.stringify(prefs)); // expect: no-floating-write
  }, [prefs]);
  return [prefs, setPrefs] as const;
}

/** Current hook: the write is persisted together with the dirty flag, and a failure is shown. */
export function usePrefs(initial: Preferences) {
  const [prefs, setPrefs] = useState(initial);
  const [saveError, setSaveError] = useState<Error | null>(null);
  useEffect(() => {
    AsyncStorage.multiSet([[PREFS_KEY, JSON.stringify(prefs)], [DIRTY_KEY, '1']]) // near-miss: no-floating-write
      .then(() => setSaveError(null))
      .catch((err: Error) => setSaveError(err));
  }, [prefs]);
  return { prefs, setPrefs, saveError };
}

export async function fetchServerPrefs(token: string): Promise<Partial<Preferences>> {
  const res = await fetch(`${API_BASE}/me/preferences`, { headers: { Authorization: `Bearer ${token}` } }); // near-miss: no-unchecked-upload-response
  return res.json();
}

export async function uploadPrefsAndSignOut(token: string): Promise<void> {
  const prefs = await loadPrefs();
  await fetch(`${API_BASE}/me/preferences`, { // expect: no-unchecked-upload-response
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(prefs),
  });
  await AsyncStorage.clear(); // expect: no-destroy-before-backup
}

export async function signOutAfterBackup(token: string): Promise<void> {
  const prefs = await loadPrefs();
  const res = await fetch(`${API_BASE}/me/preferences`, { // near-miss: no-unchecked-upload-response
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(prefs),
  });
  if (!res.ok) {
    throw new Error(`Saving your settings failed (HTTP ${res.status}); you are still signed in.`);
  }
  await AsyncStorage.multiRemove([PREFS_KEY, DIRTY_KEY]); // near-miss: no-destroy-before-backup
}

type Props = { token: string; onSignedOut: () => void };

export default function SettingsScreen({ token, onSignedOut }: Props) {
  const { prefs, setPrefs, saveError } = usePrefs(DEFAULT_PREFS);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadPrefs()
      .then(setPrefs)
      .catch((err) => Alert.alert('Could not load settings', String(err)));
  }, [setPrefs]);

  const signOut = useCallback(async () => {
    setBusy(true);
    try {
      await signOutAfterBackup(token);
      onSignedOut();
    } catch (err) { // near-miss: no-swallowed-write-error
      Alert.alert('Sign out failed', (err as Error).message);
    } finally {
      setBusy(false);
    }
  }, [token, onSignedOut]);

  return (
    <View>
      <Text>Dark mode</Text>
      <Switch
        value={prefs.theme === 'dark'}
        onValueChange={(dark) => setPrefs({ ...prefs, theme: dark ? 'dark' : 'light' })}
      />
      <Text>Notifications</Text>
      <Switch value={prefs.notifications} onValueChange={(on) => setPrefs({ ...prefs, notifications: on })} />
      {saveError ? <Text>Settings could not be saved: {saveError.message}</Text> : null}
      <Button title="Sign out" disabled={busy} onPress={signOut} />
    </View>
  );
}
