// Shows: no-floating-write, no-unchecked-upload-response, no-destroy-before-backup
//
// A React Native settings screen. Preferences are saved without waiting for the write, and
// "Sign out" uploads them with fetch, never looks at the status, and wipes AsyncStorage.
import React, { useEffect, useState } from 'react';
import { Button, Switch, Text, View } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';

type Preferences = { darkMode: boolean; weeklyDigest: boolean };

const PREFS_KEY = '@settings/preferences';
const API = 'https://api.example.com/v1';

async function loadPreferences(): Promise<Preferences> {
  const raw = await AsyncStorage.getItem(PREFS_KEY);
  return raw ? JSON.parse(raw) : { darkMode: false, weeklyDigest: true };
}

function usePreferences() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  useEffect(() => {
    loadPreferences().then(setPrefs, (err) => console.warn('could not load preferences', err));
  }, []);
  useEffect(() => {
    if (!prefs) return;
    // no-floating-write: a failed write (full disk) is never noticed; the screen says it's saved.
    AsyncStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  }, [prefs]);
  return [prefs, setPrefs] as const;
}

async function signOut(token: string): Promise<void> {
  const prefs = await loadPreferences();
  // no-unchecked-upload-response: fetch resolves on 401/500; nobody checks res.ok.
  await fetch(`${API}/me/preferences`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(prefs),
  });
  // no-destroy-before-backup: the only copy is wiped even when the upload failed.
  await AsyncStorage.clear();
}

export default function SettingsScreen({ token, onSignedOut }: { token: string; onSignedOut: () => void }) {
  const [prefs, setPrefs] = usePreferences();
  if (!prefs) return <Text>Loading…</Text>;
  return (
    <View>
      <Text>Dark mode</Text>
      <Switch value={prefs.darkMode} onValueChange={(darkMode) => setPrefs({ ...prefs, darkMode })} />
      <Text>Weekly digest</Text>
      <Switch value={prefs.weeklyDigest} onValueChange={(weeklyDigest) => setPrefs({ ...prefs, weeklyDigest })} />
      <Button title="Sign out" onPress={() => signOut(token).then(onSignedOut)} />
    </View>
  );
}
