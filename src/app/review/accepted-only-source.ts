import type { AnswerVisitor, ReportDataSource } from '../digest/report-data-port.ts';

/**
 * The report reader seen through the review: reports not accepted (new or returned) are left out of
 * the answers the indicators read. By default indicators count the current revision whatever its
 * state, as DHIS2 does; `indicators --accepted-only` reads through this instead.
 */
export function acceptedOnly(source: ReportDataSource, notAccepted: ReadonlyArray<{ unitId: number; formId: string; periodKey: string }>): ReportDataSource {
  const skip = new Set(notAccepted.map((key) => `${key.unitId}|${key.formId}|${key.periodKey}`));
  const kept = (unitId: number, formId: string, periodKey: string) => !skip.has(`${unitId}|${formId}|${periodKey}`);
  return {
    units: () => source.units(),
    statuses: (...args) => source.statuses(...args),
    filed: (...args) => source.filed(...args),
    unreachable: () => source.unreachable(),
    list: (filter) => source.list(filter),
    reviewStates: (...args) => source.reviewStates(...args),
    returnedReports: (unitIds) => source.returnedReports(unitIds),
    answers: async (formId, periodKeys, unitIds) => (await source.answers(formId, periodKeys, unitIds)).filter((row) => kept(row.unitId, formId, row.periodKey)),
    eachAnswer: (formId, periodKeys, unitIds, visit: AnswerVisitor) =>
      source.eachAnswer(formId, periodKeys, unitIds, (unitId, periodKey, answers) => {
        if (kept(unitId, formId, periodKey)) visit(unitId, periodKey, answers);
      }),
  };
}
