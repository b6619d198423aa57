/** Exit codes shared by every command (see DESIGN.md). */
export enum ExitCode {
  /** Success; nothing changed or nothing found. */
  OK = 0,
  /** An error: bad input, failed validation, a file out of date. */
  ERROR = 1,
  /** Changes or drift were found. */
  CHANGES = 2,
  /** Risky changes that need approval. */
  RISKY = 3,
  /** A partial result: something could not be read. */
  PARTIAL = 4,
}
