import { isPlaceholder } from './allow-list';
import { tokenRule, TokenMatch } from './token-rule';

/**
 * SEC-030: a password inside a database connection string that is not a URL: ADO.NET / SQL Server and
 * ODBC keyword lists (`Server=db;Database=app;User Id=sa;Password=...;`) and JDBC URLs
 * (`jdbc:sqlserver://db;user=sa;password=...`, `jdbc:postgresql://db/app?password=...`,
 * `jdbc:oracle:thin:scott/...@db`). Passwords in `scheme://user:password@host` URLs are SEC-015.
 * Any non-placeholder password blocks: a connection string's password is chosen by people, so its
 * entropy says nothing.
 */

/** `Password=` or `Pwd=` as one `key=value` of a `;`-separated list (at its start, after `;` or a quote); ODBC values may be `{braced}` or quoted. */
const KEYWORD_PASSWORD = /(?:^|[;"'])[ \t]*(?:password|pwd)[ \t]*=[ \t]*(\{[^}\r\n]{0,256}\}|"[^"\r\n]{0,256}"|'[^'\r\n]{0,256}'|[^;\r\n"'{][^;\r\n"']{0,255})/dgi;
/** Another keyword of the same list, so a lone `password=` in prose or a properties file is not taken for one. */
const CONNECTION_KEYWORD = /(?:^|[;"'])[ \t]*(?:server|data source|datasource|addr|address|network address|host|hostname|initial catalog|database|dbname|uid|user id|userid|user|username|driver|dsn|provider)[ \t]*=/i;
/** `password=` as a JDBC URL parameter (after `?`, `&`, `;` or `:`). */
const JDBC_PASSWORD = /[?&;:]password=([^&;\s"'`<>]{1,256})/dgi;
/** Oracle's thin driver puts the credentials before the host: `jdbc:oracle:thin:user/password@host`. */
const JDBC_ORACLE = /jdbc:oracle:(?:thin|oci):[^/@:\s"']{1,128}\/([^@\s"']{1,256})@/dgi;

function accept(matches: TokenMatch[], secret: string, start: number): void {
  let value = secret.trim();
  let offset = start + secret.indexOf(value);
  const first = value[0];
  if (first === '{' && value.endsWith('}') && isPlaceholder(value)) return;
  if ((first === '{' && value.endsWith('}')) || ((first === '"' || first === "'") && value.endsWith(first))) {
    value = value.slice(1, -1);
    offset++;
  }
  if (value.length === 0 || isPlaceholder(value)) return;
  matches.push({ start: offset, end: offset + value.length });
}

function collect(pattern: RegExp, text: string, matches: TokenMatch[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) accept(matches, m[1], m.indices![1][0]);
}

export const connectionStringPassword = tokenRule(
  {
    id: 'SEC-030',
    title: 'Password in a database connection string',
    noun: 'a connection-string password',
    prefixes: [],
    formats: [
      'ADO.NET / SQL Server connection string (Server=...;Password=...)',
      'ODBC connection string (Driver=...;PWD=...)',
      'JDBC URL password parameter (jdbc:...password=...)',
      'JDBC Oracle thin credentials (jdbc:oracle:thin:user/password@host)',
    ],
    rationale: 'A connection string with its password opens the database to anyone who reads the repository, and connection strings end up in logs and error messages.',
    fix: 'Keep the password in a secret store and build the connection string at run time (env valueFrom.secretKeyRef from an ExternalSecret), or use integrated / IAM authentication; rotate the password.',
    mirrors: ['gitleaks:generic-api-key', 'checkov:CKV_SECRET_4'],
  },
  ['password', 'pwd', 'jdbc:oracle:'],
  (text, { lower }) => {
    const matches: TokenMatch[] = [];
    if ((lower.includes('password') || lower.includes('pwd')) && lower.includes('=') && CONNECTION_KEYWORD.test(text)) {
      collect(KEYWORD_PASSWORD, text, matches);
    }
    if (lower.includes('jdbc:')) {
      collect(JDBC_PASSWORD, text, matches);
      if (lower.includes('jdbc:oracle:')) collect(JDBC_ORACLE, text, matches);
    }
    return matches;
  },
);
