/**
 * The vocabulary files, imported (not read from disk) so bundles and workers carry
 * them without file-system access.
 */
import browser from './browser.json';
import cloudStorage from './cloud-storage.json';
import databases from './databases.json';
import electron from './electron.json';
import embeddedDatabases from './embedded-databases.json';
import expoFileSystem from './expo-file-system.json';
import http from './http.json';
import infrastructure from './infrastructure.json';
import nodeFs from './node-fs.json';
import reactNative from './react-native.json';
import serverDatabases from './server-databases.json';

export interface VocabularyApi {
  calls: string[];
  class: 'destroy' | 'localWrite' | 'remoteWrite' | 'remoteRead' | 'localRead' | 'localOpen';
  completion: 'promise' | 'callback' | 'sync' | 'request' | 'queued';
  outcome?: 'rejects' | 'needsStatusCheck';
  when?: 'httpWrite' | 'httpRead';
  optionsArg?: number;
  noRejectWhen?: string[];
  scope?: 'local' | 'server';
  /** false for stores whose content can be re-fetched (HTTP caches): destroying them loses nothing. */
  userData?: boolean;
  noun: string;
}

export interface VocabularyFile {
  ecosystem: string;
  modules: Record<string, string>;
  exportAliases?: Record<string, string>;
  apis: VocabularyApi[];
}

export const vocabularyFiles: VocabularyFile[] = [browser, cloudStorage, databases, electron, embeddedDatabases, expoFileSystem, http, infrastructure, nodeFs, reactNative, serverDatabases] as VocabularyFile[];
