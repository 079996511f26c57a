/**
 * The zod schema of a form file, in XLSForm's vocabulary (settings / questions / choices)
 * plus the product's schedule, reminders and indicators. It checks shape only; meaning
 * (types, references, cycles, labels) is checked by `loadForm`.
 *
 * ```yaml
 * settings:
 *   form_id: monthly_figures          # lower_snake_case
 *   version: 1                        # integer, increases with every change
 *   title: { vi: ..., en: ... }       # text per locale; vi is mandatory everywhere
 *   short_title: { vi: ..., en: ... } # optional: a few words for buttons, where the title is cut
 *   period: monthly                   # weekly | monthly | quarterly | yearly
 *   schedule:                         # day = period's first day (start) or first day after it (end)
 *     opens:  { from: end, offset_days: 0, time: "08:00" }   # + offset_days, at local time
 *     due:    { from: end, offset_days: 4, time: "17:00" }
 *     closes: { from: end, offset_days: 14, time: "17:00" }
 *   reminders: { offsets_days: [-2, -1, 0], daily_while_overdue: true }  # days relative to due
 *   escalate_after_days: 3
 * questions:
 *   - type: integer                   # integer | decimal | text | date | note | select_one <list> | select_multiple <list>
 *     name: admitted
 *     label: { vi: ..., en: ... }
 *     hint: { vi: ..., en: ... }      # optional
 *     required: true                  # optional; default true (a note is never required)
 *     constraint: ". >= 0"            # optional; `.` is the answer being checked
 *     constraint_message: { vi: ..., en: ... }
 *     relevant: "${has_heads} = 'yes'"  # optional skip logic
 * choices:
 *   yes_no: [{ name: "yes", label: { vi: Có, en: "Yes" } }, { name: "no", label: { vi: Không, en: "No" } }]
 * indicators:
 *   - id: admission_rate
 *     label: { vi: ..., en: ... }
 *     numerator: "${admitted}"        # expression over this form's answers, or
 *     denominator: { form: yearly_ratings, expression: "${members_dec31}", year: previous }
 *     target: 0.03                    # a ratio
 *     comparator: ">="                # > | >=
 *     horizon: [2025, 2030]           # one year or milestone years
 *     ytd: true                       # year-to-date: judged against a pro-rated pace
 * ```
 */
import { z } from 'zod';

const localized = z.record(z.string(), z.string());
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const moment = z.strictObject({
  offset_days: z.number().int(),
  from: z.enum(['start', 'end']),
  time: clock,
});

const indicatorSide = z.union([
  z.string(),
  z.strictObject({
    expression: z.string(),
    form: identifier.optional(),
    year: z.enum(['same', 'previous']).optional(),
  }),
]);

/** Raw question, as written in YAML. */
export const rawQuestionSchema = z.strictObject({
  type: z.string().min(1),
  name: identifier,
  label: localized,
  hint: localized.optional(),
  required: z.boolean().optional(),
  constraint: z.string().min(1).optional(),
  constraint_message: localized.optional(),
  relevant: z.string().min(1).optional(),
});

/** Raw form, as written in YAML. */
export const rawFormSchema = z.strictObject({
  settings: z.strictObject({
    form_id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    version: z.number().int().positive(),
    title: localized,
    /** A few words that tell this form from the others on a phone's button ("Số liệu tháng"); defaults to the title's first words. */
    short_title: localized.optional(),
    period: z.enum(['weekly', 'monthly', 'quarterly', 'yearly']),
    schedule: z.strictObject({ opens: moment, due: moment, closes: moment }),
    reminders: z
      .strictObject({
        offsets_days: z.array(z.number().int()).optional(),
        daily_while_overdue: z.boolean().optional(),
      })
      .optional(),
    escalate_after_days: z.number().int().nonnegative().optional(),
  }),
  questions: z.array(rawQuestionSchema).min(1),
  choices: z.record(identifier, z.array(z.strictObject({ name: z.string().min(1), label: localized }))).optional(),
  indicators: z
    .array(
      z.strictObject({
        id: identifier,
        label: localized,
        numerator: indicatorSide,
        denominator: indicatorSide,
        target: z.number().positive(),
        comparator: z.enum(['>', '>=']),
        horizon: z.union([z.number().int(), z.array(z.number().int()).min(1)]),
        ytd: z.boolean().optional(),
      }),
    )
    .optional(),
});

/** A form file that passed the shape check. */
export type RawForm = z.infer<typeof rawFormSchema>;
/** A question that passed the shape check. */
export type RawQuestion = z.infer<typeof rawQuestionSchema>;
