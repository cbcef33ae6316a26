import React, { useCallback, useState } from 'react';
import { ActivityIndicator, Alert, Button, ScrollView, StyleSheet, Switch, Text, View } from 'react-native';
import { MMKV } from 'react-native-mmkv';
import { hasUnsyncedChanges } from '@nozbe/watermelondb/sync';
import { database } from '../db/database';
import { syncNow } from '../sync/watermelonSync';
import { useSession } from '../session/SessionContext';

const storage = new MMKV({ id: 'reader' });

type ReaderPrefs = {
  fontSize: number;
  theme: 'light' | 'dark' | 'sepia';
  lineHeight: number;
  hyphenate: boolean;
};

const defaultPrefs: ReaderPrefs = { fontSize: 17, theme: 'light', lineHeight: 1.5, hyphenate: false };

export function loadPrefs(): ReaderPrefs {
  try {
    const raw = storage.getString('prefs');
    return raw ? { ...defaultPrefs, ...JSON.parse(raw) } : { ...defaultPrefs };
  } catch {
    return { ...defaultPrefs }; // expect: no-read-failure-as-empty
  }
}

export function savePrefs(prefs: ReaderPrefs): void {
  storage.set('prefs', JSON.stringify(prefs));
}

type Position = { bookId: string; cfi: string; percent: number };

export function loadPositions(): Record<string, Position> {
  const raw = storage.getString('positions');
  if (raw === undefined) return {};
  try {
    return JSON.parse(raw);
  } catch {
    storage.set(`positions.corrupt.${Date.now()}`, raw);
    return {}; // near-miss: no-read-failure-as-empty (quarantined under a backup key)
  }
}

export function savePosition(position: Position): void {
  const all = loadPositions();
  all[position.bookId] = position;
  storage.set('positions', JSON.stringify(all));
}

export default function SettingsScreen() {
  const { endSession } = useSession();
  const [prefs, setPrefs] = useState<ReaderPrefs>(loadPrefs);
  const [busy, setBusy] = useState(false);

  const update = useCallback(<K extends keyof ReaderPrefs>(key: K, value: ReaderPrefs[K]) => {
    setPrefs((prev) => {
      const next = { ...prev, [key]: value };
      savePrefs(next);
      return next;
    });
  }, []);

  // "Reset library" in the danger zone: for when the local library looks wrong.
  const resetLibrary = useCallback(async () => {
    setBusy(true);
    try {
      await database.write(() => database.unsafeResetDatabase()); // expect: no-reset-without-sync
      storage.clearAll();
      setPrefs({ ...defaultPrefs });
    } finally {
      setBusy(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    setBusy(true);
    try {
      if (await hasUnsyncedChanges({ database })) {
        await syncNow();
      }
      if (await hasUnsyncedChanges({ database })) {
        Alert.alert('Not synced yet', 'Some highlights have not reached the server. Try again when you are online.');
        return;
      }
      await database.write(() => database.unsafeResetDatabase()); // near-miss: no-reset-without-sync (unsynced changes pushed and re-checked first)
      storage.clearAll();
      await endSession();
    } finally {
      setBusy(false);
    }
  }, [endSession]);

  return (
    <ScrollView contentContainerStyle={styles.container}>
      <Text style={styles.heading}>Reading</Text>
      <View style={styles.row}>
        <Text>Hyphenation</Text>
        <Switch value={prefs.hyphenate} onValueChange={(v) => update('hyphenate', v)} />
      </View>
      <View style={styles.row}>
        <Text>Font size: {prefs.fontSize}</Text>
        <Button title="A-" onPress={() => update('fontSize', Math.max(12, prefs.fontSize - 1))} />
        <Button title="A+" onPress={() => update('fontSize', Math.min(28, prefs.fontSize + 1))} />
      </View>
      <Text style={styles.heading}>Account</Text>
      {busy ? <ActivityIndicator /> : null}
      <Button title="Sign out" onPress={signOut} disabled={busy} />
      <Text style={styles.heading}>Danger zone</Text>
      <Button
        title="Reset library"
        color="#c62828"
        disabled={busy}
        onPress={() =>
          Alert.alert('Reset library?', 'Downloads and reading data on this device will be removed.', [
            { text: 'Cancel', style: 'cancel' },
            { text: 'Reset', style: 'destructive', onPress: resetLibrary },
          ])
        }
      />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  container: { padding: 16, gap: 12 },
  heading: { fontSize: 13, fontWeight: '600', textTransform: 'uppercase', opacity: 0.6, marginTop: 16 },
  row: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
});
