// The survey app done carefully: a failed cache write is shown to the respondent, and the
// answers are deleted only after ky (which rejects on HTTP errors) confirmed the submit.
import localforage from 'localforage';
import ky, { HTTPError } from 'ky';

type Answers = Record<string, string | number | string[]>;

const answers = localforage.createInstance({ name: 'survey', storeName: 'answers' });
const api = ky.create({ prefixUrl: 'https://surveys.example.org/api', timeout: 30_000 });

export function cacheAnswer(
  surveyId: string,
  question: string,
  value: Answers[string],
  onUnsaved: (message: string) => void,
): void {
  answers
    .getItem<Answers>(surveyId)
    .then((current) => answers.setItem(surveyId, { ...(current ?? {}), [question]: value }))
    .catch((err) => onUnsaved(`This answer could not be stored on the device: ${err}`));
}

export async function submitSurvey(surveyId: string): Promise<'submitted' | 'nothing-to-submit'> {
  const current = await answers.getItem<Answers>(surveyId);
  if (!current) return 'nothing-to-submit';
  try {
    await api.post(`surveys/${surveyId}/responses`, { json: current });
  } catch (err) {
    const reason = err instanceof HTTPError ? `the server answered ${err.response.status}` : 'no connection';
    throw new Error(`Not submitted (${reason}). Your answers are kept on this device.`, { cause: err });
  }
  await answers.removeItem(surveyId);
  return 'submitted';
}
