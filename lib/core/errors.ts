/**
 * User-facing errors. Everything a user can get wrong ends in one of these: the CLI prints
 * `message` on one line (no stack unless --debug) and maps the class to an exit code.
 */

const USER_ERROR = Symbol.for('gitplane.UserError');

/** Base class of every error caused by user input rather than by a bug in gitplane. */
export class GitplaneError extends Error {
  /** How to fix it, appended to the message after "Fix:". */
  public readonly fix?: string;

  constructor(message: string, fix?: string) {
    // A message that ends a sentence already ("... and rotate.") gets no second period.
    super(fix ? `${message}${/[.!?]$/.test(message) ? '' : '.'} Fix: ${fix}` : message);
    this.name = new.target.name;
    this.fix = fix;
    // A marker rather than instanceof: stack code may load its own copy of this module.
    Object.defineProperty(this, USER_ERROR, { value: true });
  }
}

/**
 * A construct was given invalid props or was left in an invalid state. The message starts with the
 * construct path so the user knows which object in the tree to change.
 */
export class ValidationError extends GitplaneError {
  public readonly constructPath: string;
  public readonly problems: readonly string[];

  constructor(constructPath: string, problems: string | readonly string[], fix?: string) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(`[${constructPath}] ${list.join('; ')}`, fix);
    this.constructPath = constructPath;
    this.problems = list;
  }
}

/** A bad flag or configuration value. `flag` is written as the user types it, e.g. `--out`. */
export class UsageError extends GitplaneError {
  public readonly flag?: string;

  constructor(message: string, fix?: string, flag?: string) {
    super(message, fix);
    this.flag = flag;
  }
}

/** True for errors that are the user's to fix (no stack trace, exit code 1). */
export function isUserError(error: unknown): error is GitplaneError {
  return typeof error === 'object' && error !== null && USER_ERROR in error;
}

/** Collects several problems with one value so they are reported together, not one per run. */
export class ProblemList {
  private readonly items: string[] = [];

  public add(problem: string): this {
    this.items.push(problem);
    return this;
  }

  public check(condition: boolean, problem: string): this {
    if (!condition) this.items.push(problem);
    return this;
  }

  public get problems(): readonly string[] {
    return this.items;
  }

  public get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Throws one ValidationError listing every problem, if there are any. */
  public throwIfAny(constructPath: string, fix?: string): void {
    if (this.items.length > 0) throw new ValidationError(constructPath, this.items, fix);
  }
}

/** Renders a value the way messages quote it: strings in double quotes, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/**
 * The fix for invalid constructor props: where to change them, e.g.
 * `correct the props quoted here in new WebService(scope, 'web', {...})`.
 */
export function propsFix(className: string, id?: string): string {
  return `correct the props quoted here in new ${className}(${id === undefined ? '' : `scope, '${id}', `}{...})`;
}
