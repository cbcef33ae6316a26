import React, { useCallback, useState } from 'react';
import { ActivityIndicator, Alert, Pressable, Text, View } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';
import { MMKV } from 'react-native-mmkv';
import * as FileSystem from 'expo-file-system';
import { database } from '../db/watermelon';
import { outbox } from '../sync/outbox';
import { useAuth } from './AuthContext';
import { styles } from './styles';

const prefs = new MMKV({ id: 'recipebox-prefs' });

const RECIPE_KEY_PREFIX = 'recipebox:';

function askToDiscard(count: number): Promise<boolean> {
  return new Promise((resolve) => {
    Alert.alert(
      'Unsynced recipes',
      `${count} change(s) have not reached the server yet. Remove them from this phone anyway?`,
      [
        { text: 'Keep', style: 'cancel', onPress: () => resolve(false) },
        { text: 'Remove', style: 'destructive', onPress: () => resolve(true) },
      ],
    );
  });
}

export async function resetAppData(): Promise<void> {
  const keys = await AsyncStorage.getAllKeys();
  await AsyncStorage.multiRemove(keys.filter((k) => k.startsWith(RECIPE_KEY_PREFIX))); // expect: no-reset-without-sync
  await database.write(async () => {
    await database.unsafeResetDatabase();
  });
  prefs.clearAll();
}

export async function resetRecipesOnDevice(): Promise<boolean> {
  const pendingCount = await outbox.pendingCount();
  if (pendingCount > 0 && !(await askToDiscard(pendingCount))) return false;
  const keys = await AsyncStorage.getAllKeys();
  await AsyncStorage.multiRemove(keys.filter((k) => k.startsWith(RECIPE_KEY_PREFIX))); // near-miss: no-reset-without-sync (unsynced count checked and confirmed first)
  await database.write(async () => {
    await database.unsafeResetDatabase();
  });
  prefs.clearAll();
  return true;
}

export async function clearImageCache(): Promise<void> {
  const dir = `${FileSystem.cacheDirectory}recipe-images/`;
  await FileSystem.deleteAsync(dir, { idempotent: true }); // near-miss: no-reset-without-sync (cache directory, not user data)
}

export function AccountScreen() {
  const { user, clearSession } = useAuth();
  const [busy, setBusy] = useState(false);

  const signOut = useCallback(async () => {
    setBusy(true);
    prefs.clearAll(); // expect: no-reset-without-sync
    await AsyncStorage.clear();
    await clearSession();
    setBusy(false);
  }, [clearSession]);

  const switchAccount = useCallback(async () => {
    setBusy(true);
    try {
      await outbox.flush();
    } catch (err) {
      setBusy(false);
      Alert.alert('Not synced yet', 'Some recipes have not been uploaded. Connect to the internet and try again.');
      return;
    }
    prefs.clearAll(); // near-miss: no-reset-without-sync (outbox flushed first; a failed flush returns)
    await AsyncStorage.clear();
    await clearSession();
    setBusy(false);
  }, [clearSession]);

  const onRemovePressed = useCallback(async () => {
    setBusy(true);
    try {
      const done = await resetRecipesOnDevice();
      if (done) Alert.alert('Done', 'Recipes on this phone were removed.');
    } finally {
      setBusy(false);
    }
  }, []);

  if (busy) {
    return (
      <View style={styles.center}>
        <ActivityIndicator />
      </View>
    );
  }

  return (
    <View style={styles.container}>
      <Text style={styles.heading}>{user?.displayName ?? 'Guest'}</Text>
      <Pressable style={styles.row} onPress={switchAccount}>
        <Text>Switch account</Text>
      </Pressable>
      <Pressable style={styles.row} onPress={signOut}>
        <Text>Sign out</Text>
      </Pressable>
      <Pressable style={styles.row} onPress={clearImageCache}>
        <Text>Clear image cache</Text>
      </Pressable>
      <Pressable style={[styles.row, styles.danger]} onPress={onRemovePressed}>
        <Text>Remove recipes from this phone</Text>
      </Pressable>
    </View>
  );
}
