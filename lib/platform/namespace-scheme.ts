import { dnsLabelProblems } from '../core/names';

/** How an environment names the namespaces its apps run in. */
export class NamespaceScheme {
  /** One namespace per app and environment: `<environment>-<app>`, e.g. `prod-web`. The default. */
  public static perApp(): NamespaceScheme {
    return new NamespaceScheme((env, app) => `${env}-${app}`, 'perApp');
  }

  /** All apps of an environment share one namespace, e.g. `NamespaceScheme.shared('media-prod')`. */
  public static shared(namespace: string): NamespaceScheme {
    return new NamespaceScheme(() => namespace, `shared(${JSON.stringify(namespace)})`);
  }

  /** Any naming function of environment and app; the result must be a DNS label. */
  public static custom(name: (environment: string, app: string) => string): NamespaceScheme {
    return new NamespaceScheme(name, 'custom');
  }

  private constructor(
    private readonly name: (environment: string, app: string) => string,
    public readonly description: string,
  ) {}

  /** The namespace, plus any problem with it as a DNS label. */
  public resolve(environment: string, app: string): { namespace: string; problems: string[] } {
    const namespace = this.name(environment, app);
    return { namespace, problems: dnsLabelProblems(`namespace (${this.description})`, namespace) };
  }
}
