import type { TelegramEmulator } from '../../support/telegram-emulator/index.ts';

/** How long a user waits for an answer before writing /baocao to find out where they are. */
const PATIENCE_MS = 4000;
/** A dialog that has not finished by then is reported as unfinished. */
const DEADLINE_MS = 60_000;

/** What one reporter saw while filing the weekly report through the crashes. */
export interface ReportOutcome {
  userId: number;
  workDone: string;
  /** The bot said "Đã nhận báo cáo" (or, its reply lost in a crash, showed the report as filed). */
  confirmed: boolean;
  /** Question numbers asked again after the bot had already moved past them. */
  regressions: string[];
  /** Times the user had no answer and wrote /baocao again. */
  nudges: number;
  /** The last summary the bot showed before confirming: what the user agreed to. */
  summary: string;
  transcript: string[];
}

/**
 * A reporter files the weekly report as a person would: reads the bot's latest message and does
 * what it asks (choice 1 for the three progress questions, a text for the work done, /boqua for the
 * optional question, OK on the summary). With no answer in time (the bot was killed), they write
 * /baocao, which resumes the draft; late replies may then put them one step out of step, so what
 * they finally agreed to is the summary the bot showed, kept in `summary`. The highest question the bot asked is remembered: being asked
 * an earlier one again means an acknowledged answer was lost.
 */
export async function driveReport(tg: TelegramEmulator, userId: number, workDone: string): Promise<ReportOutcome> {
  const outcome: ReportOutcome = { userId, workDone, confirmed: false, regressions: [], nudges: 0, summary: '', transcript: [] };
  const deadline = Date.now() + DEADLINE_MS;
  let highest = 0;
  let next = '/baocao';
  while (Date.now() < deadline) {
    const before = tg.messagesTo(userId).length;
    outcome.transcript.push(`> ${next}`);
    tg.userSends({ userId, text: next, firstName: 'Báo cáo viên', languageCode: 'vi' });
    let reply: string;
    try {
      const messages = await tg.waitForMessages(userId, before + 1, PATIENCE_MS);
      reply = messages.at(-1)?.plainText ?? '';
    } catch {
      outcome.nudges += 1;
      next = '/baocao';
      continue;
    }
    outcome.transcript.push(`< ${reply.replace(/\n/g, ' | ').slice(0, 160)}`);
    if (reply.includes('Đã nhận báo cáo') || reply.includes('Đơn vị đã nộp báo cáo kỳ này')) {
      outcome.confirmed = true;
      if (reply.includes('Đơn vị đã nộp báo cáo kỳ này')) tg.userSends({ userId, text: '/huy', firstName: 'Báo cáo viên', languageCode: 'vi' });
      return outcome;
    }
    const question = reply.match(/Câu (\d+)\/(\d+)/);
    if (question) {
      const number = Number(question[1]);
      // Before any nudge each input gets exactly one reply, in order, so going back means an answer was lost;
      // after one, replies to earlier inputs may still arrive late and the check would misfire.
      if (number < highest && outcome.nudges === 0) outcome.regressions.push(`asked ${number} after ${highest}`);
      highest = Math.max(highest, number);
      next = number <= 3 ? '1' : number === 4 ? workDone : '/boqua';
    } else if (reply.includes('Tóm tắt báo cáo')) {
      outcome.summary = reply;
      highest = Number.MAX_SAFE_INTEGER;
      next = 'ok';
    } else {
      next = '/baocao';
    }
  }
  return outcome;
}
