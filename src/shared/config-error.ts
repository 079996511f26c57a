import { AppError } from './app-error.ts';

/** One wrong variable: its name and the locale key that explains what is expected. Never its value. */
export interface ConfigProblem {
  variable: string;
  code: string;
}

/** Raised when the environment is wrong; lists the problems so all of them are fixed in one go. */
export class ConfigError extends AppError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super('config.invalid', { variables: problems.map((p) => p.variable).join(', ') });
    this.problems = problems;
  }
}
