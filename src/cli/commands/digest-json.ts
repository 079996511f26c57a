/**
 * The digest as `digest preview --json` prints it: the same figures as the chat text and the
 * workbook, as plain data with codes and ISO times, for scripts and for checking one against the
 * other. Indicators take the shape of `indicators --json`.
 */
import { STALE_RETURN_DAYS, type DigestData } from '../../domain/digest/index.ts';
import { indicatorJson } from './indicators.ts';

const codes = (units: ReadonlyArray<{ code: string }>) => units.map((unit) => unit.code);

/** The digest's JSON document. */
export function digestJson(data: DigestData) {
  return {
    scope: data.roots.map((unit) => ({ code: unit.code, name: unit.name })),
    generated_at: data.generatedAt.toISOString(),
    reporting_units: data.reportingUnits,
    completeness: data.completeness.map(({ form, periods }) => ({
      form_id: form.id,
      periods: periods.map((period) => ({
        period: period.window.key,
        due: period.window.dueAt.toISOString(),
        overdue: period.overdue,
        expected: period.expected,
        on_time: codes(period.onTime),
        late: codes(period.late),
        missing: codes(period.missing),
      })),
    })),
    review: {
      stale_after_days: STALE_RETURN_DAYS,
      forms: data.review.map(({ form, periods, staleReturns }) => ({
        form_id: form.id,
        periods: periods.map(({ window, counts }) => ({ period: window.key, new: counts.new, accepted: counts.accepted, returned: counts.returned })),
        returned_waiting: staleReturns.map((item) => ({
          unit_code: item.unit.code,
          unit_name: item.unit.name,
          period: item.periodKey,
          returned_at: item.returnedAt.toISOString(),
          days: item.days,
          reason: item.reason,
        })),
      })),
    },
    indicators: data.indicators.map(indicatorJson),
    unreachable: data.unreachable.map((contact) => ({
      contact: contact.contactName,
      channel: contact.channel,
      since: contact.since.toISOString(),
      reason: contact.reason,
      units: codes(contact.units),
    })),
  };
}
