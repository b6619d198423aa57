import { Environment, EnvironmentProps, IReconciler, Platform } from '../../lib/platform';

/** A reconciler that adds nothing: lets tests synthesize apps without Argo CD or Flux objects. */
export class NoReconciler implements IReconciler {
  public readonly kind = 'argocd' as const;
  public bind(_environment: Environment): void {}
  public retainAnnotations(): Record<string, string> {
    return {};
  }

  public recreateAnnotations(): Record<string, string> {
    return {};
  }
}

/** A one-environment platform for construct tests: environment `test`, namespace `test-<app>`. */
export function testPlatform(env: Partial<EnvironmentProps> = {}): Platform {
  return new Platform({
    name: 'acme',
    repository: { url: 'https://github.com/acme/platform.git' },
    environments: [{ name: 'test', reconciler: new NoReconciler(), ...env }],
  });
}
