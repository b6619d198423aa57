export {
  createValidator,
  type KindSchema,
  type SchemaFinding,
  type SchemaValidator,
  type ValidationInput,
  type ValidationReport,
  type ValidatorOptions,
} from './validator';
export type { SchemaProblem } from './problem';
export { CrdRegistry, loadCrdDirectories, type CustomResourceVersion, type SkippedSchemaDocument } from './crd-loader';
export { KUBERNETES_VERSION, builtinSchemas, type BuiltinKind } from './kubernetes-builtins';
export type { SkippedCelRule } from './cel-rules';
export { formatCelNotes, formatFindings, formatSummary } from './report-format';
