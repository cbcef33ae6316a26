/**
 * The Electron and expo-file-system vocabulary, seen through the rules that read it.
 */
import { noDestroyBeforeBackup } from '../../rules/no-destroy-before-backup';
import { noFloatingWrite } from '../../rules/no-floating-write';
import { noUncheckedUploadResponse } from '../../rules/no-unchecked-upload-response';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noFloatingWrite, {
  valid: [
    { name: 'expo: awaited writeAsStringAsync', code: `import * as FileSystem from 'expo-file-system';\nexport async function save(uri: string, s: string) {\n  await FileSystem.writeAsStringAsync(uri, s);\n}` },
    { name: 'expo next: File#write is synchronous', code: `import { File, Paths } from 'expo-file-system';\nexport function save(s: string) {\n  new File(Paths.document, 'notes.json').write(s);\n}` },
    { name: 'electron: a dropped clearStorageData loses nothing if it fails (deletions are not reported)', code: `import { BrowserWindow } from 'electron';\nexport function wipe(win: BrowserWindow) {\n  win.webContents.session.clearStorageData();\n}` },
    { name: 'electron: awaited clearStorageData', code: `import { session } from 'electron';\nexport async function reset() {\n  await session.defaultSession.clearStorageData();\n}` },
  ],
  invalid: [
    {
      name: 'expo legacy: a dropped writeAsStringAsync',
      code: `import * as FileSystem from 'expo-file-system/legacy';\nexport function save(uri: string, s: string) {\n  FileSystem.writeAsStringAsync(uri, s);\n}`,
      errors: [{ messageId: 'dropped', line: 3 }],
    },
  ],
});

runRuleTests(noDestroyBeforeBackup, {
  valid: [
    {
      name: 'expo: delete after a checked upload',
      code: `import * as FileSystem from 'expo-file-system';\nexport async function upload(uri: string) {\n  const res = await FileSystem.uploadAsync('https://api.example.com/photos', uri);\n  if (res.status !== 200) throw new Error('upload failed');\n  await FileSystem.deleteAsync(uri);\n}`,
    },
  ],
  invalid: [
    {
      name: 'expo: delete after an unchecked upload (uploadAsync resolves on HTTP 500)',
      code: `import * as FileSystem from 'expo-file-system';\nexport async function upload(uri: string) {\n  await FileSystem.uploadAsync('https://api.example.com/photos', uri);\n  await FileSystem.deleteAsync(uri);\n}`,
      errors: [{ messageId: 'unchecked', line: 4 }],
    },
  ],
});

runRuleTests(noUncheckedUploadResponse, {
  valid: [
    {
      name: 'expo: uploadAsync whose status is checked',
      code: `import * as FileSystem from 'expo-file-system';\nexport async function upload(uri: string) {\n  const res = await FileSystem.uploadAsync('https://api.example.com/photos', uri);\n  if (res.status >= 400) throw new Error(String(res.status));\n}`,
    },
  ],
  invalid: [
    {
      name: 'expo: uploadAsync whose status is never read',
      code: `import * as FileSystem from 'expo-file-system';\nexport async function upload(uri: string) {\n  await FileSystem.uploadAsync('https://api.example.com/photos', uri);\n}`,
      errors: [{ messageId: 'unchecked', line: 3 }],
    },
  ],
});
