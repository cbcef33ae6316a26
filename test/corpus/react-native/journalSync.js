'use strict';
// Journal entries are written locally first (one AsyncStorage key per entry) and
// uploaded one by one; an uploaded entry's local key is removed.
const AsyncStorage = require('@react-native-async-storage/async-storage').default;
const { AppState } = require('react-native');

const ENTRY_PREFIX = 'journal:';
const ENDPOINT = 'https://dearday.app/api/entries';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

function entryKeys() {
  return AsyncStorage.getAllKeys().then((keys) => keys.filter((k) => k.startsWith(ENTRY_PREFIX)));
}

function uploadEntry(key) {
  return AsyncStorage.getItem(key)
    .then((raw) => fetch(ENDPOINT, { method: 'POST', headers: JSON_HEADERS, body: raw })) // expect: no-unchecked-upload-response
    .then(() => AsyncStorage.removeItem(key)) // expect: no-destroy-before-backup
    .catch(() => {}); // expect: no-swallowed-write-error
}

function checkStatus(res) {
  if (!res.ok) {
    const err = new Error(`Upload failed with ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res;
}

function uploadEntryChecked(key, onError) {
  return AsyncStorage.getItem(key)
    .then((raw) => fetch(ENDPOINT, { method: 'POST', headers: JSON_HEADERS, body: raw })) // near-miss: no-unchecked-upload-response
    .then(checkStatus)
    .then(() => AsyncStorage.removeItem(key)) // near-miss: no-destroy-before-backup
    .catch(onError); // near-miss: no-swallowed-write-error
}

function autosaveOnBackground(getDraft) {
  return AppState.addEventListener('change', (next) => {
    if (next === 'background') {
      const draft = getDraft();
      AsyncStorage.setItem(ENTRY_PREFIX + draft.id, JSON.stringify(draft)); // expect: no-floating-write
    }
  });
}

function persistOnBackground(getDraft, reportError) {
  return AppState.addEventListener('change', async (next) => {
    if (next !== 'background') return;
    const draft = getDraft();
    try {
      await AsyncStorage.setItem(ENTRY_PREFIX + draft.id, JSON.stringify(draft)); // near-miss: no-floating-write
    } catch (err) { // near-miss: no-swallowed-write-error
      reportError(err);
    }
  });
}

function syncAll(onError) {
  return entryKeys().then((keys) => Promise.all(keys.map((k) => uploadEntryChecked(k, onError))));
}

module.exports = { uploadEntry, uploadEntryChecked, autosaveOnBackground, persistOnBackground, syncAll };
