import { parseCronSchedule } from './cron-schedule.ts';
import { parseQuietRules } from './quiet-hours.ts';
import type { PlannerSettings } from './wave-planner.ts';

/** The settings the planner reads, as the configuration names them. */
export interface PlannerConfig {
  BOT_TIMEZONE: string;
  QUIET_HOURS: string;
  QUIET_WEEKENDS: boolean;
  DIGEST_SCHEDULE: string;
}

/** The planner's settings from the configuration: the bot's scheduler and `jobs list` read the same. */
export function plannerSettings(config: PlannerConfig): PlannerSettings {
  return {
    timeZone: config.BOT_TIMEZONE,
    quiet: parseQuietRules(config.QUIET_HOURS, config.QUIET_WEEKENDS),
    digest: parseCronSchedule(config.DIGEST_SCHEDULE),
  };
}
