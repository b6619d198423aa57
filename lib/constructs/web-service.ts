import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { ValidationError, show } from '../core/errors';
import { dnsSubdomainProblems, hostnameProblems } from '../core/names';
import { DeploymentWorkload, DeploymentWorkloadProps } from './deployment-workload';
import { namespacePeer } from './network-policy';
import { Probe } from './probe';
import { WEB_SERVICE_PROPS } from './prop-keys';
import { portProblems } from './workload-defaults';
import { IServiceEndpoint, Workload } from './workload';

/** The name of the container port and the Service port. Probes and the Ingress refer to it by name. */
const PORT_NAME = 'http';
/** NetworkPolicies name the container port, so they follow it if the number changes. */
const HTTP_PORT: k8s.NetworkPolicyPort = { port: k8s.IntOrString.fromString(PORT_NAME), protocol: 'TCP' };

/** Makes a WebService reachable from outside the cluster through an Ingress. */
export interface IngressOptions {
  /**
   * Hostnames to serve, e.g. `['www.example.com']`.
   * @default - app.settings.hosts
   */
  readonly hosts?: string[];
  /**
   * Path prefix routed to the service.
   * @default '/'
   */
  readonly path?: string;
  /**
   * IngressClass that implements the Ingress, e.g. `nginx`.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Serve HTTPS with the certificate in Secret `<name>-tls`.
   * @default true
   */
  readonly tls?: boolean;
  /**
   * cert-manager ClusterIssuer that issues the certificate into `<name>-tls`
   * (the `cert-manager.io/cluster-issuer` annotation).
   * @default - no cert-manager annotation: Secret `<name>-tls` must be provided some other way
   */
  readonly clusterIssuer?: string;
  /**
   * Further annotations for the ingress controller, e.g. `{ 'nginx.ingress.kubernetes.io/proxy-body-size': '10m' }`.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

export interface WebServiceProps extends DeploymentWorkloadProps {
  /**
   * Port the container listens on (named `http`). Use 1024 or higher: the container runs as
   * non-root with no capabilities, so it cannot bind lower ports.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the Service.
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * When a pod may receive traffic.
   * @default Probe.httpGet('/readyz')
   */
  readonly readiness?: Probe;
  /**
   * When a pod must be restarted.
   * @default Probe.httpGet('/healthz')
   */
  readonly liveness?: Probe;
  /**
   * Holds the other probes back until a slow-starting app is up.
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * Expose the service through an Ingress.
   * @default - no Ingress: reachable inside the cluster only
   */
  readonly ingress?: IngressOptions;
}

/**
 * An HTTP service: a Deployment, a Service, and optionally an Ingress (with TLS), a
 * HorizontalPodAutoscaler and a PodDisruptionBudget (by default when it runs 2 or more replicas).
 * Every object is named after the service (`name`, default: the construct id).
 *
 * ```ts
 * const web = new WebService(app, 'web', { image: app.image('ghcr.io/acme/web'), ingress: { clusterIssuer: 'letsencrypt' } });
 * web.connectTo(WebService.find(app.app('api'), 'api'));
 * ```
 */
export class WebService extends DeploymentWorkload implements IServiceEndpoint {
  /** The WebService named `name` below `scope`, e.g. `WebService.find(app.app('api'), 'api')`. */
  public static find(scope: IConstruct, name: string): WebService {
    const found = scope.node.findAll().filter((c): c is WebService => c instanceof WebService && c.name === name);
    if (found.length !== 1) {
      const known = scope.node.findAll().filter((c): c is WebService => c instanceof WebService).map((c) => c.name);
      throw new ValidationError(scope.node.path,
        found.length === 0
          ? `no WebService named ${show(name)} here (found: ${known.join(', ') || 'none'})`
          : `${found.length} WebServices are named ${show(name)}; pass a narrower scope`,
        found.length === 0
          ? 'create it before the workloads that connect to it (add its app first)'
          : `find it in a narrower scope, e.g. WebService.find(app.app('<app>'), ${show(name)})`);
    }
    return found[0];
  }

  /** Port the container listens on. */
  public readonly port: number;
  /** Port of the Service. */
  public readonly servicePort: number;
  /** The Service (construct id `Service`). */
  public readonly service: k8s.KubeService;
  /** The Ingress (construct id `Ingress`), when `ingress` is set. */
  public readonly ingress?: k8s.KubeIngress;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, { component: 'web', propKeys: WEB_SERVICE_PROPS, ports: [{ name: PORT_NAME, containerPort: props?.port ?? 8080 }] });
    const problems = this.problems;
    this.port = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    for (const p of portProblems('port', this.port)) problems.add(p);
    for (const p of portProblems('servicePort', this.servicePort)) problems.add(p);
    const readiness = props.readiness ?? Probe.httpGet('/readyz');
    const liveness = props.liveness ?? Probe.httpGet('/healthz');
    for (const p of readiness._problems('readiness', PORT_NAME)) problems.add(p);
    for (const p of liveness._problems('liveness', PORT_NAME)) problems.add(p);
    for (const p of props.startup?._problems('startup', PORT_NAME) ?? []) problems.add(p);
    const ingress = props.ingress ? this.resolveIngress(props.ingress) : undefined;
    this.throwIfInvalid();

    this.createDeployment({
      ports: [{ name: PORT_NAME, containerPort: this.port }],
      probePort: PORT_NAME,
      readiness,
      liveness,
      startup: props.startup,
    });

    this.service = new k8s.KubeService(this, 'Service', {
      metadata: this.objectMetadata(),
      spec: {
        selector: this.selectorLabels,
        ports: [{ name: PORT_NAME, port: this.servicePort, targetPort: k8s.IntOrString.fromString(PORT_NAME) }],
      },
    });

    if (ingress) {
      // Ingress controllers forward to the pods directly, so they are let in on the container port.
      for (const namespace of this.appChart.environment.network.ingressControllerNamespaces) {
        this.networkPolicy?.allow({ from: namespacePeer(namespace), ports: [HTTP_PORT] });
      }
      const backend: k8s.IngressBackend = { service: { name: this.name, port: { name: PORT_NAME } } };
      const annotations = { ...ingress.annotations };
      if (ingress.clusterIssuer) annotations['cert-manager.io/cluster-issuer'] = ingress.clusterIssuer;
      this.ingress = new k8s.KubeIngress(this, 'Ingress', {
        metadata: this.objectMetadata({ annotations: Object.keys(annotations).length > 0 ? annotations : undefined }),
        spec: {
          ingressClassName: ingress.className,
          rules: ingress.hosts.map((host) => ({
            host,
            http: { paths: [{ path: ingress.path, pathType: 'Prefix', backend }] },
          })),
          tls: ingress.tls ? [{ hosts: ingress.hosts, secretName: `${this.name}-tls` }] : undefined,
        },
      });
    }
  }

  /** Lets `consumer`'s pods reach this service's port (see `NetworkIsolation`). */
  public acceptConnectionsFrom(consumer: Workload): void {
    this.networkPolicy?.allow({ from: namespacePeer(consumer.namespace, consumer.selectorLabels), ports: [HTTP_PORT] });
  }

  /** In-cluster URL of the service, e.g. `http://api.prod-api.svc.cluster.local:80`. */
  public get url(): string {
    return `http://${this.name}.${this.appChart.namespace}.svc.cluster.local:${this.servicePort}`;
  }

  private resolveIngress(options: IngressOptions) {
    const problems = this.problems;
    // `??` reads app.settings.hosts only when the props give no hosts.
    const hosts = options.hosts ?? this.appChart.settings.hosts ?? [];
    if (hosts.length === 0) {
      problems.add(`'ingress.hosts' is empty and app.settings.hosts is not set; pass ingress.hosts or set hosts in the app's defaults`);
    }
    hosts.forEach((host, i) => {
      for (const p of hostnameProblems(`ingress.hosts[${i}]`, host)) problems.add(p);
      if (hosts.indexOf(host) !== i) problems.add(`'ingress.hosts' lists ${show(host)} twice`);
    });
    const path = options.path ?? '/';
    problems.check(/^\/[^\s]*$/.test(path), `'ingress.path' (${show(path)}) must start with '/' and contain no spaces`);
    if (options.className !== undefined) for (const p of dnsSubdomainProblems('ingress.className', options.className)) problems.add(p);
    if (options.clusterIssuer !== undefined) for (const p of dnsSubdomainProblems('ingress.clusterIssuer', options.clusterIssuer)) problems.add(p);
    const tls = options.tls ?? true;
    if (!tls && options.clusterIssuer !== undefined) {
      problems.add(`'ingress.clusterIssuer' (${show(options.clusterIssuer)}) has no effect with 'ingress.tls' false; remove one of them`);
    }
    return { hosts, path, tls, className: options.className, clusterIssuer: options.clusterIssuer, annotations: options.annotations ?? {} };
  }
}
