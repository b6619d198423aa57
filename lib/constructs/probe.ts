import { unknownPropProblems } from '../core/props';
import { PORT_PROBE_OPTIONS, PROBE_OPTIONS } from './prop-keys';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { show } from '../core/errors';
import { integerProblems } from './workload-defaults';

/**
 * Timing of a probe. Each field is written only when set, so unset fields keep the Kubernetes
 * defaults (and the YAML says only what differs from them).
 */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe. Prefer a startup probe for slow starters.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which one probe counts as failed.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe fails (readiness: not ready; liveness: restart).
   * @default 3
   */
  readonly failureThreshold?: number;
}

export interface HttpProbeOptions extends ProbeOptions {
  /**
   * Port number or container port name to probe.
   * @default - the workload's container port (`http`); required for workloads without one
   */
  readonly port?: number | string;
}

export interface TcpProbeOptions extends ProbeOptions {
  /**
   * Port number or container port name to connect to.
   * @default - the workload's container port (`http`); required for workloads without one
   */
  readonly port?: number | string;
}

type ProbeAction =
  | { readonly kind: 'http'; readonly path: string; readonly port?: number | string }
  | { readonly kind: 'tcp'; readonly port?: number | string }
  | { readonly kind: 'exec'; readonly command: readonly string[] };

const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A readiness, liveness or startup check, e.g. `Probe.httpGet('/readyz')`. */
export class Probe {
  /** An HTTP GET that succeeds on a status from 200 to 399. */
  public static httpGet(path: string, options: HttpProbeOptions = {}): Probe {
    return new Probe({ kind: 'http', path, port: options.port }, options);
  }

  /** A TCP connection that succeeds when the port accepts it. */
  public static tcpSocket(options: TcpProbeOptions = {}): Probe {
    return new Probe({ kind: 'tcp', port: options.port }, options);
  }

  /** A command run in the container that succeeds when it exits with status 0. */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe({ kind: 'exec', command: [...command] }, options);
  }

  private constructor(private readonly action: ProbeAction, private readonly options: ProbeOptions) {}

  /**
   * Problems with this probe used as `prop`; `defaultPort` is the workload's named port, if it has one.
   * @internal
   */
  public _problems(prop: string, defaultPort: string | undefined): string[] {
    const problems: string[] = [];
    const { action, options } = this;
    problems.push(...unknownPropProblems(action.kind === 'exec' ? PROBE_OPTIONS : PORT_PROBE_OPTIONS, options, `${prop}.`, 'option'));
    if (action.kind === 'http' && !action.path.startsWith('/')) {
      problems.push(`'${prop}' path (${show(action.path)}) must start with '/'`);
    }
    if (action.kind === 'exec' && action.command.length === 0) {
      problems.push(`'${prop}' command must not be empty`);
    }
    if (action.kind !== 'exec') {
      const port = action.port ?? defaultPort;
      if (port === undefined) {
        problems.push(`'${prop}' needs a port: this workload has no container port, so pass { port: 8080 }`);
      } else if (typeof port === 'number') {
        problems.push(...integerProblems(`${prop}.port`, port, 1, 65535));
      } else if (port.length > 15 || !PORT_NAME.test(port)) {
        problems.push(`'${prop}.port' (${show(port)}) must be a port number or a container port name (at most 15 lowercase letters, digits and '-')`);
      }
    }
    problems.push(...integerProblems(`${prop}.initialDelaySeconds`, options.initialDelaySeconds, 0, 3600));
    problems.push(...integerProblems(`${prop}.periodSeconds`, options.periodSeconds, 1, 3600));
    problems.push(...integerProblems(`${prop}.timeoutSeconds`, options.timeoutSeconds, 1, 3600));
    problems.push(...integerProblems(`${prop}.failureThreshold`, options.failureThreshold, 1, 100));
    return problems;
  }

  /** @internal */
  public _render(defaultPort: string | undefined): k8s.Probe {
    const { action, options } = this;
    const timing = {
      initialDelaySeconds: options.initialDelaySeconds,
      periodSeconds: options.periodSeconds,
      timeoutSeconds: options.timeoutSeconds,
      failureThreshold: options.failureThreshold,
    };
    switch (action.kind) {
      case 'http':
        return { httpGet: { path: action.path, port: intOrString(action.port ?? defaultPort!) }, ...timing };
      case 'tcp':
        return { tcpSocket: { port: intOrString(action.port ?? defaultPort!) }, ...timing };
      case 'exec':
        return { exec: { command: [...action.command] }, ...timing };
    }
  }
}

function intOrString(port: number | string): k8s.IntOrString {
  return typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port);
}
