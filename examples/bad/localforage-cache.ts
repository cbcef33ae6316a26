// Shows: no-swallowed-write-error, no-destroy-before-backup
//
// A survey app: answers are cached in localForage while the respondent works offline and
// submitted at the end. Cache writes drop their errors, and a failed submit deletes the
// answers "so the respondent can start over".
import localforage from 'localforage';
import ky from 'ky';

type Answers = Record<string, string | number | string[]>;

const answers = localforage.createInstance({ name: 'survey', storeName: 'answers' });
const api = ky.create({ prefixUrl: 'https://surveys.example.org/api', timeout: 30_000 });

export function cacheAnswer(surveyId: string, question: string, value: Answers[string]): void {
  answers
    .getItem<Answers>(surveyId)
    .then((current) => answers.setItem(surveyId, { ...(current ?? {}), [question]: value }))
    // no-swallowed-write-error: a quota error is dropped; the answer exists only on screen.
    .catch(() => {});
}

export async function submitSurvey(surveyId: string): Promise<void> {
  const current = await answers.getItem<Answers>(surveyId);
  if (!current) return;
  try {
    await api.post(`surveys/${surveyId}/responses`, { json: current });
  } catch (err) {
    // no-destroy-before-backup: the only copy is deleted exactly when the submit failed.
    await answers.removeItem(surveyId);
    throw err;
  }
  await answers.removeItem(surveyId);
}
