import { show } from './errors';

/** RFC 1123 DNS label: what Kubernetes requires for names of Services, Namespaces and most objects. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 DNS subdomain: dot-separated labels, at most 253 characters. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Problems with `value` as a DNS label, each a full sentence naming `prop`; empty when valid.
 * `maxLength` is lower than 63 where Kubernetes appends suffixes (CronJob names: 52).
 */
export function dnsLabelProblems(prop: string, value: string, maxLength = 63): string[] {
  const problems: string[] = [];
  if (value.length === 0) return [`'${prop}' must not be empty`];
  if (value.length > maxLength) problems.push(`'${prop}' (${show(value)}) is ${value.length} characters; the limit is ${maxLength}`);
  if (!DNS_LABEL.test(value)) {
    problems.push(`'${prop}' (${show(value)}) must be a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit`);
  }
  return problems;
}

/** Problems with `value` as a DNS subdomain (hostnames, ConfigMap names); empty when valid. */
export function dnsSubdomainProblems(prop: string, value: string): string[] {
  const problems: string[] = [];
  if (value.length === 0) return [`'${prop}' must not be empty`];
  if (value.length > 253) problems.push(`'${prop}' (${show(value)}) is ${value.length} characters; the limit is 253`);
  if (!DNS_SUBDOMAIN.test(value)) {
    problems.push(`'${prop}' (${show(value)}) must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'`);
  }
  return problems;
}

/** A git branch or tag name: no leading or trailing '/', no '//' or '..', no spaces or special characters. */
const GIT_REF = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]+$/;

/** Problems with `value` as a git branch or tag name; empty when valid. */
export function gitRefProblems(prop: string, value: string): string[] {
  return GIT_REF.test(value) ? [] : [`'${prop}' (${show(value)}) is not a valid git branch or tag name`];
}

/** A wildcard-capable hostname as used by Ingress rules (`*.example.com` allowed). */
export function hostnameProblems(prop: string, value: string): string[] {
  const bare = value.startsWith('*.') ? value.slice(2) : value;
  const problems = dnsSubdomainProblems(prop, bare);
  if (problems.length === 0 && !bare.includes('.')) {
    problems.push(`'${prop}' (${show(value)}) must be a fully qualified hostname such as "www.example.com"`);
  }
  return problems;
}
