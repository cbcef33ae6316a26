// The settings screen done carefully: every write is awaited or handled and its failure is
// shown; sign-out checks the upload's status and only then removes the local preferences.
import React, { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Switch, Text, View } from 'react-native';
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
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    loadPreferences().then(setPrefs, (err) => setSaveError(`Could not load settings: ${err}`));
  }, []);
  useEffect(() => {
    if (!prefs) return; // never save before the stored preferences are loaded
    AsyncStorage.setItem(PREFS_KEY, JSON.stringify(prefs))
      .then(() => setSaveError(null))
      .catch((err) => setSaveError(`Settings not saved: ${err}`));
  }, [prefs]);
  return { prefs, setPrefs, saveError };
}

async function signOut(token: string): Promise<void> {
  const prefs = await loadPreferences();
  const res = await fetch(`${API}/me/preferences`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(prefs),
  });
  if (!res.ok) {
    throw new Error(`Your settings could not be saved (HTTP ${res.status}). You are still signed in.`);
  }
  await AsyncStorage.removeItem(PREFS_KEY);
}

export default function SettingsScreen({ token, onSignedOut }: { token: string; onSignedOut: () => void }) {
  const { prefs, setPrefs, saveError } = usePreferences();
  const onSignOut = useCallback(async () => {
    try {
      await signOut(token);
      onSignedOut();
    } catch (err) {
      Alert.alert('Sign out failed', (err as Error).message);
    }
  }, [token, onSignedOut]);
  if (!prefs) return <Text>{saveError ?? 'Loading…'}</Text>;
  return (
    <View>
      <Text>Dark mode</Text>
      <Switch value={prefs.darkMode} onValueChange={(darkMode) => setPrefs({ ...prefs, darkMode })} />
      <Text>Weekly digest</Text>
      <Switch value={prefs.weeklyDigest} onValueChange={(weeklyDigest) => setPrefs({ ...prefs, weeklyDigest })} />
      {saveError ? <Text>{saveError}</Text> : null}
      <Button title="Sign out" onPress={onSignOut} />
    </View>
  );
}
