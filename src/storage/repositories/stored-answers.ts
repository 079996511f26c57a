import type { Answers } from '../../domain/index.ts';

/** A report's answers as stored (JSON text); anything unreadable counts as no answers rather than failing a whole listing. */
export function parseStoredAnswers(text: string): Answers {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
  } catch {
    return {};
  }
}
