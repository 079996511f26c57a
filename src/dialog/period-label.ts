import type { Form } from '../domain/index.ts';
import type { MessageRef } from './replies.ts';

/** "tuần 48/2026", "tháng 11/2026", "quý 4/2026", "năm 2026" from a period key. */
export function periodLabel(periodType: Form['period'], periodKey: string): MessageRef {
  const [yearText = '', partText = ''] = periodKey.split('-');
  const year = Number(yearText);
  const part = Number(partText.replace(/^[WQ]/, ''));
  switch (periodType) {
    case 'weekly':
      return { key: 'period.week', params: { week: part, year } };
    case 'monthly':
      return { key: 'period.month', params: { month: part, year } };
    case 'quarterly':
      return { key: 'period.quarter', params: { quarter: part, year } };
    default:
      return { key: 'period.year', params: { year } };
  }
}
