import { app, BrowserWindow, ipcMain, powerMonitor } from 'electron';
import * as fs from 'fs';
import { readFile, rename } from 'fs/promises';
import { join } from 'path';
import writeFileAtomic from 'write-file-atomic';
import log from 'electron-log/main';

export interface Settings {
  autoLockMinutes: number;
  clipboardClearSeconds: number;
  syncEndpoint: string | null;
  biometricUnlock: boolean;
  trustedDevices: string[];
}

const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 5,
  clipboardClearSeconds: 30,
  syncEndpoint: null,
  biometricUnlock: false,
  trustedDevices: [],
};

const userData = app.getPath('userData');
const SETTINGS_FILE = join(userData, 'settings.json');
const LOCK_STATE_FILE = join(userData, 'lock-state.json');
const ENTRY_DRAFT_FILE = join(userData, 'entry-draft.enc');
const AUTOFILL_LOG_FILE = join(userData, 'autofill-usage.json');

/** Used by the tray helper process, which only needs a few fields. */
export function loadSettingsForTray(): Promise<Settings> {
  return readFile(SETTINGS_FILE, 'utf8')
    .then(JSON.parse)
    .catch(() => DEFAULT_SETTINGS); // expect: no-read-failure-as-empty
}

export function loadSettings(): Promise<Settings> {
  return readFile(SETTINGS_FILE, 'utf8')
    .then((text) => ({ ...DEFAULT_SETTINGS, ...JSON.parse(text) }) as Settings)
    .catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return { ...DEFAULT_SETTINGS };
      const aside = `${SETTINGS_FILE}.corrupt-${Date.now()}`;
      await rename(SETTINGS_FILE, aside);
      log.warn(`settings unreadable; moved to ${aside}`, err);
      return { ...DEFAULT_SETTINGS }; // near-miss: no-read-failure-as-empty (damaged file renamed aside first)
    });
}

export async function saveSettings(settings: Settings): Promise<void> {
  await writeFileAtomic(SETTINGS_FILE, JSON.stringify(settings, null, 2), { mode: 0o600 });
}

export async function trustDevice(deviceId: string): Promise<void> {
  const settings = await loadSettingsForTray();
  if (!settings.trustedDevices.includes(deviceId)) settings.trustedDevices.push(deviceId);
  await saveSettings(settings);
}

export function installLockHandlers(getDraft: () => Buffer | null, getAutofillCounts: () => Record<string, number>): void {
  // Renderer asks to lock the vault and exit (Cmd+Shift+L, "Lock & Quit").
  ipcMain.handle('vault:lock-and-exit', (_event, reason: string) => {
    fs.writeFile(LOCK_STATE_FILE, JSON.stringify({ lockedAt: Date.now(), reason }), (err) => {
      if (err) log.error('could not record lock state', err);
    });
    app.exit(0); // expect: no-unfinished-write-at-exit
  });

  // Same, but keeps the half-typed entry so it can be restored after unlock.
  ipcMain.handle('vault:lock-keep-draft-and-exit', () => {
    const draft = getDraft();
    if (!draft) {
      app.exit(0);
      return;
    }
    fs.writeFile(ENTRY_DRAFT_FILE, draft, { mode: 0o600 }, (err) => {
      if (err) log.error('could not keep the entry draft', err);
      app.exit(0); // near-miss: no-unfinished-write-at-exit (exit inside the write's callback)
    });
  });

  powerMonitor.on('lock-screen', () => {
    BrowserWindow.getAllWindows().forEach((w) => w.webContents.send('vault:lock'));
  });

  process.on('exit', () => {
    const draft = getDraft();
    if (draft) fs.writeFileSync(ENTRY_DRAFT_FILE, draft, { mode: 0o600 }); // near-miss: no-unfinished-write-at-exit (synchronous write in an exit handler)
    fs.promises.writeFile(AUTOFILL_LOG_FILE, JSON.stringify(getAutofillCounts())); // expect: no-unfinished-write-at-exit
  });
}
