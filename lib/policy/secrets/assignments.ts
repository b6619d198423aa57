/**
 * Finds `name = value` pairs inside a larger text, so that documents embedded in a ConfigMap
 * (`.properties`, `.env`, YAML, JSON, INI), URL query strings and shell command lines are scanned with
 * the name each value is assigned to: `db.password=...`, `export API_TOKEN="..."`,
 * `"clientSecret": "..."`, `?token=...`, `--password=...`, `--password ...`.
 */

/**
 * A delimiter (or line start), an optional `--`/`export`, a name, `=`/`:`/`=>` on the same line, then
 * a value up to the next quote, space or structural character. Character classes do not overlap
 * around the quantifiers, so matching stays linear.
 */
const ASSIGNMENT =
  /(?:^|[\s{,;(&?"'])(?:--?|export[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.\-/]{0,100})["']?[ \t]*(?:=>|=|:)[ \t]*["']?([^\s"'`,;{}&<>]{1,1024})/dgm;
/** A command-line flag followed by its value after a space: `--db-password s3cr3t`. */
const FLAG_VALUE = /(?:^|[\s"'])--?([A-Za-z][A-Za-z0-9_.-]{1,60})[ \t]+["']?([^\s"'`,;{}&<>-][^\s"'`,;{}&<>]{0,1023})/dgm;

/** Calls `visit` with each assignment's name, value and the value's offset in `text`. */
export function forEachAssignment(text: string, visit: (name: string, value: string, start: number) => void): void {
  for (const pattern of [ASSIGNMENT, FLAG_VALUE]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const value = m[2];
      const start = m.indices![2][0];
      // Resume inside the value: it may hold assignments of its own (`url=https://h/p?token=...`).
      pattern.lastIndex = start;
      // `key:` followed by a nested block is a YAML map, not an assignment of the next key.
      if (value.endsWith(':')) continue;
      visit(m[1], value, start);
    }
  }
}
