// Task list backed by Firestore (offline persistence is on by default in React Native Firebase),
// with the half-typed "new task" text kept in AsyncStorage.
import React, { useEffect, useRef, useState } from 'react';
import { Alert, FlatList, Pressable, Text, TextInput, View } from 'react-native';
import firestore, { type FirebaseFirestoreTypes } from '@react-native-firebase/firestore';
import AsyncStorage from '@react-native-async-storage/async-storage';

type Task = { id: string; title: string; done: boolean; createdAt: number };

const NEW_TASK_KEY = 'tasks/new-task-text';
const LEGACY_TASKS_KEY = 'tasks/v1';

function tasksOf(uid: string): FirebaseFirestoreTypes.CollectionReference {
  return firestore().collection('users').doc(uid).collection('tasks');
}

export async function importLegacyTasks(uid: string): Promise<number> {
  const raw = await AsyncStorage.getItem(LEGACY_TASKS_KEY);
  if (!raw) return 0;
  const legacy = JSON.parse(raw) as Task[];
  const batch = firestore().batch();
  for (const task of legacy) batch.set(tasksOf(uid).doc(task.id), task);
  await batch.commit();
  await AsyncStorage.removeItem(LEGACY_TASKS_KEY); // near-miss: no-destroy-before-backup
  return legacy.length;
}

export function toggleTask(uid: string, task: Task): void {
  tasksOf(uid).doc(task.id).set({ ...task, done: !task.done }); // near-miss: no-floating-write
}

async function rememberNewTaskText(text: string): Promise<void> {
  try {
    await AsyncStorage.setItem(NEW_TASK_KEY, text);
  } catch (e) {} // expect: no-swallowed-write-error
}

async function keepNewTaskText(text: string, onError: (message: string) => void): Promise<void> {
  try {
    await AsyncStorage.setItem(NEW_TASK_KEY, text);
  } catch (e) { // near-miss: no-swallowed-write-error
    onError('Your unsaved task text could not be kept on this device.');
  }
}

export default function TaskListScreen({ uid }: { uid: string }) {
  const [tasks, setTasks] = useState<Task[]>([]);
  const [text, setText] = useState('');
  const [storageWarning, setStorageWarning] = useState<string | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    AsyncStorage.getItem(NEW_TASK_KEY)
      .then((saved) => saved && setText(saved))
      .catch(() => setStorageWarning('Could not restore your unsaved task.'));
    return tasksOf(uid)
      .orderBy('createdAt', 'desc')
      .onSnapshot((snap) => setTasks(snap.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<Task, 'id'>) }))));
  }, [uid]);

  useEffect(() => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => keepNewTaskText(text, setStorageWarning), 400); // near-miss: no-floating-write (the helper handles its own failure)
  }, [text]);

  const add = async () => {
    const title = text.trim();
    if (!title) return;
    tasksOf(uid).add({ title, done: false, createdAt: Date.now() }); // near-miss: no-floating-write
    setText('');
    try {
      await AsyncStorage.removeItem(NEW_TASK_KEY); // near-miss: no-destroy-before-backup (the task is already in Firestore's local queue)
    } catch (err) { // near-miss: no-swallowed-write-error
      Alert.alert('Storage error', String(err));
    }
  };

  return (
    <View>
      {storageWarning ? <Text>{storageWarning}</Text> : null}
      <TextInput value={text} onChangeText={setText} onSubmitEditing={add} placeholder="New task" />
      <FlatList
        data={tasks}
        keyExtractor={(t) => t.id}
        renderItem={({ item }) => (
          <Pressable onPress={() => toggleTask(uid, item)}>
            <Text>{item.done ? '☑' : '☐'} {item.title}</Text>
          </Pressable>
        )}
      />
    </View>
  );
}

export { rememberNewTaskText };
