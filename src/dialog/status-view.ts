import { pickText } from '../domain/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { DialogContext } from './dialog-context.ts';
import type { DialogState } from './dialog-state.ts';
import { optionStatus } from './period-menu.ts';
import { periodLabel } from './period-label.ts';
import type { Reply, ReplyLine } from './replies.ts';

/** "/trangthai": the open periods of the contact's units, what is submitted, and what is due when. */
export function statusReply(state: DialogState, ctx: DialogContext): Reply {
  const lines: ReplyLine[] = [{ key: 'dialog.status_title', style: 'title' }];
  if (!ctx.roles.includes('reporter')) return { lines: [{ key: 'dialog.not_a_reporter' }] };
  if (ctx.options.length === 0) lines.push({ key: 'dialog.no_open_periods' });
  for (const option of ctx.options) {
    lines.push({
      key: 'dialog.status_line',
      params: {
        form: pickText(option.formTitle, ctx.locale),
        unit: option.unitName,
        period: periodLabel(option.periodType, option.periodKey),
        status: optionStatus(option, state, ctx),
        closes: formatDateTime(ctx.locale, option.closesAt, ctx.timeZone),
      },
    });
  }
  if (ctx.upcoming.length) {
    lines.push({ key: 'dialog.status_upcoming', style: 'title' });
    for (const next of ctx.upcoming) {
      lines.push({
        key: 'dialog.status_upcoming_line',
        params: {
          form: pickText(next.formTitle, ctx.locale),
          period: periodLabel(next.periodType, next.periodKey),
          opens: formatDateTime(ctx.locale, next.opensAt, ctx.timeZone),
          due: formatDateTime(ctx.locale, next.dueAt, ctx.timeZone),
        },
      });
    }
  }
  return { lines };
}
