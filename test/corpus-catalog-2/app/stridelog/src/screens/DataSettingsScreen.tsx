import React, { useCallback, useState } from 'react';
import { Alert, Button, ScrollView, Text, View } from 'react-native';
import * as FileSystem from 'expo-file-system';
import { useOutbox } from '../sync/outbox';
import { useTranslation } from '../i18n';

const ROUTES_DIR = `${FileSystem.documentDirectory}routes/`;
const HEALTH_IMPORT_DIR = `${FileSystem.documentDirectory}health-import/`;
const TILE_CACHE_DIR = `${FileSystem.cacheDirectory}map-tiles/`;

function confirm(title: string, message: string): Promise<boolean> {
  return new Promise((resolve) => {
    Alert.alert(title, message, [
      { text: 'Cancel', style: 'cancel', onPress: () => resolve(false) },
      { text: 'Continue', style: 'destructive', onPress: () => resolve(true) },
    ]);
  });
}

export function DataSettingsScreen(): JSX.Element {
  const { t } = useTranslation();
  const outbox = useOutbox();
  const [busy, setBusy] = useState(false);

  // "Delete local routes": frees space by removing the GPX files of recorded runs.
  const wipeLocalRoutes = useCallback(async () => {
    if (!(await confirm(t('routes.wipe.title'), t('routes.wipe.body')))) return;
    setBusy(true);
    try {
      await FileSystem.deleteAsync(ROUTES_DIR, { idempotent: true }); // expect: no-reset-without-sync
      await FileSystem.makeDirectoryAsync(ROUTES_DIR, { intermediates: true });
    } finally {
      setBusy(false);
    }
  }, [t]);

  // "Re-import from Apple Health / Google Fit": same kind of wipe, but the
  // imported samples may still be queued for upload.
  const resetHealthImport = useCallback(async () => {
    const pending = await outbox.pendingCount();
    if (pending > 0) {
      Alert.alert(t('health.reset.pendingTitle'), t('health.reset.pendingBody', { count: pending }));
      return;
    }
    setBusy(true);
    try {
      await FileSystem.deleteAsync(HEALTH_IMPORT_DIR, { idempotent: true }); // near-miss: no-reset-without-sync (pending uploads checked first)
      await FileSystem.makeDirectoryAsync(HEALTH_IMPORT_DIR, { intermediates: true });
    } finally {
      setBusy(false);
    }
  }, [outbox, t]);

  const resetMapCache = useCallback(async () => {
    await FileSystem.deleteAsync(TILE_CACHE_DIR, { idempotent: true }); // near-miss: no-reset-without-sync (cache directory, tiles are re-downloaded)
  }, []);

  return (
    <ScrollView>
      <View style={{ padding: 16 }}>
        <Text>{t('settings.data.title')}</Text>
        <Button title={t('routes.wipe.button')} onPress={wipeLocalRoutes} disabled={busy} />
        <Button title={t('health.reset.button')} onPress={resetHealthImport} disabled={busy} />
        <Button title={t('tiles.reset.button')} onPress={resetMapCache} disabled={busy} />
      </View>
    </ScrollView>
  );
}
