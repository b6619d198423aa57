/**
 * The engine of `gitplane validate`: reads a manifest folder, validates every object against the
 * schemas and scans it for secrets, and returns the report. Files found clean by an earlier run with
 * the same bytes, the same schemas and the same gitplane are taken from the result store instead of
 * being parsed, validated and scanned again (see validate-results.ts); the report is the same either way.
 */
import * as fs from 'fs';
import * as path from 'path';
// The reader's own modules, not the manifests index: that also loads the git reader, which validate never needs.
import { readManifestFolder, visitFolderFiles } from '../../manifests/read-folder';
import { buildTree, comparePaths } from '../../manifests/tree';
import { labelledDocuments, type ManifestDocument } from '../../manifests/types';
import type { Finding } from '../../policy/rule';
import { toPolicyFinding } from '../../policy/secrets/finding';
import { scanObjects } from '../../policy/secrets/scanner';
import { KUBERNETES_VERSION } from '../../schema/kubernetes-version';
import { mergeReports } from '../../schema/report-merge';
import { sha256, validatorCacheDir } from '../../schema/validator-cache';
import { installedVersion } from '../../core/package-version';
import type { SchemaValidator, ValidationReport } from '../../schema';
import { codeFingerprint } from '../code-fingerprint';
import { openResultStore, type CleanFileFacts, type ResultEntry } from './validate-results';

export interface ValidateFolderOptions {
  /** Absolute folder of manifests. */
  readonly dir: string;
  /** How messages name it, with a trailing slash: `dist/`. */
  readonly label: string;
  readonly validator: SchemaValidator;
  /** Where results are kept [default: beside the validator cache]; undefined with the cache off. */
  readonly cacheDir?: string | undefined;
  /** What stands for gitplane's code in the results' context [default: a digest of the modules that decide a result]. */
  readonly toolFingerprint?: string;
}

export interface ValidateFolderResult {
  readonly report: ValidationReport;
  readonly secrets: readonly Finding[];
  /** Files parsed, validated and scanned in this run; the others were clean before with the same bytes. */
  readonly filesChecked: number;
  readonly filesFromStore: number;
}

/** Objects of this kind define kinds for the whole set: a folder holding one is always checked in full. */
const CRD_KIND = 'apiextensions.k8s.io/v1/CustomResourceDefinition';

export function validateFolder(options: ValidateFolderOptions): ValidateFolderResult {
  const cacheDir = 'cacheDir' in options ? options.cacheDir : validatorCacheDir();
  const context = cacheDir === undefined ? undefined : resultContext(options.validator, options.toolFingerprint ?? toolCode());
  const store = context === undefined || cacheDir === undefined ? undefined : openResultStore(cacheDir, options.dir, context);
  if (!store) return validateInFull(options);

  // Read every file first, as the plain reader does: a file that must not be in the folder is an error
  // before any parse error.
  const files: { readonly name: string; readonly digest: string; readonly facts?: CleanFileFacts }[] = [];
  const texts = new Map<string, string>();
  visitFolderFiles(options.dir, { label: options.label, mode: 'dist' }, (name, bytes) => {
    const digest = sha256(bytes);
    const facts = store.lookup(name, digest);
    if (facts && !facts.kinds.some(([kind]) => kind === CRD_KIND)) files.push({ name, digest, facts });
    else {
      files.push({ name, digest });
      texts.set(name, bytes.toString('utf8'));
    }
  });
  files.sort((a, b) => comparePaths(a.name, b.name));

  const tree = buildTree(options.label, texts, 'dist');
  const documents = new Map<string, ManifestDocument[]>();
  for (const document of labelledDocuments(tree)) {
    // CRDs in the folder define kinds for every other file: what the store holds does not apply.
    if (document.object?.apiVersion === 'apiextensions.k8s.io/v1' && document.object.kind === 'CustomResourceDefinition') return validateInFull(options);
    const group = documents.get(document.file) ?? [];
    if (group.length === 0) documents.set(document.file, group);
    group.push(document);
  }

  const fresh = files.filter((file) => !file.facts);
  const freshReports = options.validator.validateGroups(fresh.map((file) => documents.get(`${options.label}${file.name}`) ?? []));
  const reports: ValidationReport[] = [];
  const secrets: Finding[] = [];
  const entries = new Map<string, ResultEntry>();
  let next = 0;
  for (const file of files) {
    if (file.facts) {
      reports.push(reportOf(file.facts));
      entries.set(file.name, { digest: file.digest, facts: file.facts });
      continue;
    }
    const report = freshReports[next++];
    const found = scanObjects(documents.get(`${options.label}${file.name}`) ?? []).map(toPolicyFinding);
    reports.push(report);
    secrets.push(...found);
    if (report.findings.length === 0 && found.length === 0) entries.set(file.name, { digest: file.digest, facts: factsOf(report) });
  }
  store.save(entries);
  return { report: mergeReports(reports), secrets, filesChecked: fresh.length, filesFromStore: files.length - fresh.length };
}

/** Everything read, parsed, validated and scanned, and nothing kept. */
function validateInFull(options: ValidateFolderOptions): ValidateFolderResult {
  const tree = readManifestFolder(options.dir, { label: options.label, mode: 'dist' });
  const items = labelledDocuments(tree);
  const report = options.validator.validateAll(items);
  const secrets = scanObjects(items).map(toPolicyFinding);
  return { report, secrets, filesChecked: tree.files.size, filesFromStore: 0 };
}

function factsOf(report: ValidationReport): CleanFileFacts {
  return {
    kinds: Object.entries(report.byKind),
    celEvaluated: report.cel.evaluated,
    celSkipped: report.cel.skipped.map((skip) => [skip.rule, skip.reason, skip.count] as const),
  };
}

const rebuilt = new WeakMap<CleanFileFacts, ValidationReport>();

/** The report of a clean file, rebuilt from its facts (once per facts: files of a generated tree share them). */
function reportOf(facts: CleanFileFacts): ValidationReport {
  let report = rebuilt.get(facts);
  if (!report) {
    report = rebuildReport(facts);
    rebuilt.set(facts, report);
  }
  return report;
}

function rebuildReport(facts: CleanFileFacts): ValidationReport {
  return {
    findings: [],
    objectsChecked: facts.kinds.reduce((sum, [, count]) => sum + count, 0),
    objectsWithProblems: 0,
    byKind: Object.fromEntries(facts.kinds),
    unknownKinds: [],
    cel: { evaluated: facts.celEvaluated, skipped: facts.celSkipped.map(([rule, reason, count]) => ({ rule, reason, count })) },
  };
}

/** Packages whose code decides a file's result: the YAML reader, the schemas and their compiler, CEL. */
const PACKAGES = ['js-yaml', 'yaml', 'ajv', 'kubernetes-models', '@marcbachmann/cel-js'];

/**
 * A digest of everything besides a file's bytes that its result depends on: the code of this engine
 * and of every gitplane module it imports (the parser, validator, scanner, gitplane's package.json),
 * the versions of the packages they use, Node's version, the Kubernetes version and the schema files
 * (each file's name and text). Undefined when the schemas were not all read from files.
 */
function resultContext(validator: SchemaValidator, tool: string): string | undefined {
  const schemas = validator.crds.contentDigest;
  const versions = PACKAGES.map((name) => {
    const version = installedVersion(name);
    return version === undefined ? undefined : `${name}@${version}`;
  });
  if (schemas === undefined || versions.includes(undefined)) return undefined;
  return sha256(JSON.stringify([tool, versions, process.version, KUBERNETES_VERSION, schemas]));
}

let toolCodeDigest: string | undefined;

function toolCode(): string {
  if (toolCodeDigest === undefined) {
    const packageRoot = path.resolve(__dirname, '../../..');
    // The compiled module is built from the TypeScript source beside it, when that is installed.
    const source = path.join(packageRoot, 'lib', 'cli', 'commands', 'validate-run.ts');
    toolCodeDigest = codeFingerprint(fs.existsSync(source) ? source : __filename, packageRoot);
  }
  return toolCodeDigest;
}
