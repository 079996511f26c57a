/**
 * `/duyet` (`/review`) in chat: the new reports of the reviewer's scope, oldest first, then the first
 * one in full with "Chấp nhận" and "Trả lại" (buttons on Telegram; on Zalo and in the terminal the
 * reviewer types 1 or 2). Returning asks for the reason in the next message. Where the reviewer
 * stands (the report shown, a reason awaited) is kept in the database, so a restart or another worker
 * takes the next message as it was asked for.
 */
import { foldForMatch } from '../../domain/text/normalize.ts';
import type { ParsedCommand } from '../../dialog/commands.ts';
import type { Reply } from '../../dialog/replies.ts';
import type { CommandRegistry } from '../inbound/command-registry.ts';
import type { ContactRecord } from '../ports.ts';
import { pendingListReply, REVIEW_BUTTON_PREFIX, reviewItemReply } from './review-messages.ts';
import type { ReviewItem } from './review-ports.ts';
import { decideReview, pendingReviews, reviewableUnits, reviewedReportsResent, reviewItem, type ReviewDeps, type Reviewer } from './review-service.ts';

const ACCEPT_WORDS = new Set(['1', 'chap nhan', 'accept', 'ok']);
const RETURN_WORDS = new Set(['2', 'tra lai', 'return']);

function say(key: string, params?: Record<string, string | number>): Reply[] {
  return [{ lines: [{ key, params }] }];
}

function reviewerOf(contact: ContactRecord): Reviewer {
  return { actor: `contact:${contact.id}`, roles: contact.roles };
}

/** The chat side of the review loop, over the review use cases. */
export class ReviewChat {
  constructor(private readonly deps: ReviewDeps) {}

  /** `/duyet`: the list and the oldest report; `/duyet <id>`: that report. */
  async command(contact: ContactRecord, args: string): Promise<Reply[]> {
    const reviewer = reviewerOf(contact);
    const units = await reviewableUnits(this.deps, reviewer);
    if (units && units.size === 0) return say('review.not_reviewer');
    const wanted = args.trim().replace(/^#/, '');
    if (wanted) {
      const item = /^\d+$/.test(wanted) ? await reviewItem(this.deps, reviewer, Number(wanted)) : null;
      if (!item) return say('review.not_found');
      if (item.state !== 'new') return [this.show(item, contact, false), ...say(`review.already_${item.state}`)];
      return [await this.present(item, contact)];
    }
    const items = await pendingReviews(this.deps, reviewer);
    if (items.length === 0) {
      await this.deps.store.clearPrompt(contact.id);
      return say('review.none_pending');
    }
    return [pendingListReply(items, (item) => this.formOf(item), contact.locale, this.deps.timeZone), await this.present(items[0] as ReviewItem, contact)];
  }

  /** A pressed "Chấp nhận" or "Trả lại". */
  async button(contact: ContactRecord, value: string, now: Date): Promise<Reply[]> {
    const match = /^([ar]):(\d+)\.(\d+)$/.exec(value);
    if (!match) return say('dialog.button_expired');
    const [, action, id, revision] = match;
    return action === 'a' ? this.accept(contact, Number(id), Number(revision), now) : this.askReason(contact, Number(id), Number(revision));
  }

  /**
   * The reviewer's next message while a review is shown: 1 or 2 (or the words) decide; while a reason
   * is awaited, any text is the reason and /huy gives up. Anything else goes on to the dialog as usual
   * (null), and a command ends a wait for a reason.
   */
  async followUp(contact: ContactRecord, text: string, command: ParsedCommand | null, now: Date): Promise<Reply[] | null> {
    const prompt = await this.deps.store.prompt(contact.id);
    if (!prompt) return null;
    if (command) {
      if (prompt.stage !== 'reason') return null;
      await this.deps.store.clearPrompt(contact.id);
      return command.name === 'cancel' ? say('review.return_cancelled') : null;
    }
    if (prompt.stage === 'reason') return this.giveBack(contact, prompt.submissionId, prompt.revision, text, now);
    const word = foldForMatch(text);
    if (ACCEPT_WORDS.has(word)) return this.accept(contact, prompt.submissionId, prompt.revision, now);
    if (RETURN_WORDS.has(word)) return this.askReason(contact, prompt.submissionId, prompt.revision);
    return null;
  }

  private async accept(contact: ContactRecord, id: number, revision: number, now: Date): Promise<Reply[]> {
    const result = await decideReview(this.deps, reviewerOf(contact), id, { kind: 'accept' }, now, revision);
    if (!result.ok) return this.refused(contact, result.code);
    return [...say('review.accepted', { id, unit: result.item.unitName }), ...(await this.next(contact))];
  }

  private async askReason(contact: ContactRecord, id: number, revision: number): Promise<Reply[]> {
    const item = await reviewItem(this.deps, reviewerOf(contact), id);
    if (!item) return this.refused(contact, 'review.not_found');
    if (item.revision !== revision) return this.refused(contact, 'review.changed');
    if (item.state !== 'new') return this.refused(contact, 'review.not_new');
    await this.deps.store.setPrompt({ contactId: contact.id, submissionId: id, revision, stage: 'reason' });
    return say('review.ask_reason', { unit: item.unitName });
  }

  private async giveBack(contact: ContactRecord, id: number, revision: number, reason: string, now: Date): Promise<Reply[]> {
    const result = await decideReview(this.deps, reviewerOf(contact), id, { kind: 'return', reason }, now, revision);
    if (!result.ok) {
      // A reason too short or too long is asked for again; anything else ends the wait.
      if (result.code === 'review.reason_missing' || result.code === 'review.reason_too_long') return say(result.code);
      return this.refused(contact, result.code);
    }
    return [...say('review.returned', { id, unit: result.item.unitName }), ...(await this.next(contact))];
  }

  /** After a decision: the next waiting report, or word that none is left. */
  private async next(contact: ContactRecord): Promise<Reply[]> {
    const [first] = await pendingReviews(this.deps, reviewerOf(contact));
    if (!first) {
      await this.deps.store.clearPrompt(contact.id);
      return say('review.none_left');
    }
    return [await this.present(first, contact)];
  }

  private async refused(contact: ContactRecord, code: string): Promise<Reply[]> {
    await this.deps.store.clearPrompt(contact.id);
    return say(code);
  }

  /** Shows a report with its choices and remembers it, so a typed 1 or 2 means this one. */
  private async present(listed: ReviewItem, contact: ContactRecord): Promise<Reply> {
    // A listed report comes without its previous revision: read it whole to show what changed.
    const item = listed.previous || listed.revision < 2 ? listed : ((await this.deps.store.get(listed.id)) ?? listed);
    await this.deps.store.setPrompt({ contactId: contact.id, submissionId: item.id, revision: item.revision, stage: 'decide' });
    return this.show(item, contact, true);
  }

  private show(item: ReviewItem, contact: ContactRecord, withChoices: boolean): Reply {
    const previous = item.previous ? this.deps.forms.version(item.formId, item.previous.formVersion) : undefined;
    return reviewItemReply(item, this.formOf(item), previous, contact.locale, this.deps.timeZone, withChoices);
  }

  private formOf(item: ReviewItem) {
    return this.deps.forms.version(item.formId, item.formVersion);
  }
}

/** Adds `/duyet`, its buttons, the reviewer's follow-up messages and the "sent again" notices to the inbound path. */
export function registerReviewChat(inbound: Pick<CommandRegistry, 'registerCommand' | 'registerButton' | 'registerFollowUp' | 'registerSubmitListener'>, deps: ReviewDeps): ReviewChat {
  const chat = new ReviewChat(deps);
  inbound.registerCommand('review', (contact, args) => chat.command(contact, args));
  inbound.registerButton(REVIEW_BUTTON_PREFIX, (contact, value, now) => chat.button(contact, value, now));
  inbound.registerFollowUp((contact, text, command, now) => chat.followUp(contact, text, command, now));
  inbound.registerSubmitListener(async (writes, now) => {
    await reviewedReportsResent(deps, writes, now);
  });
  return chat;
}
