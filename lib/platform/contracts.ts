import type { Environment } from './environment';

/**
 * What the platform needs from a GitOps engine. Implementations live in `lib/gitops/` (Argo CD,
 * Flux); the platform only calls them, so it never depends on either engine's object shapes.
 */
export interface IReconciler {
  /** `argocd` or `flux`. Also the name of the folder its objects are written to. */
  readonly kind: 'argocd' | 'flux';
  /** Adds the engine's objects for `environment`. Called once, after every app has been added. */
  bind(environment: Environment): void;
  /**
   * Annotations that stop this engine from deleting an object when it disappears from Git;
   * used on stateful resources in protected environments.
   */
  retainAnnotations(): Record<string, string>;
}

/**
 * The controller that turns cloud claims into AWS resources. Implementations live in `lib/cloud/`
 * (Crossplane, ACK).
 */
export interface ICloudFlavor {
  /** `crossplane` or `ack`. */
  readonly kind: 'crossplane' | 'ack';
}

/** Where a reconciler sends sync and health notifications. Rendered by `lib/gitops/`. */
export class NotificationTarget {
  /** A Slack channel, e.g. `NotificationTarget.slack('#media-deploys')`. */
  public static slack(channel: string): NotificationTarget {
    return new NotificationTarget('slack', channel.replace(/^#/, ''));
  }

  /** A Microsoft Teams channel reached through an incoming-webhook service configured in the engine. */
  public static msteams(channel: string): NotificationTarget {
    return new NotificationTarget('msteams', channel);
  }

  /** A generic webhook service configured in the engine under `name`. */
  public static webhook(name: string): NotificationTarget {
    return new NotificationTarget('webhook', name);
  }

  private constructor(
    /** The service type: `slack`, `msteams` or `webhook`. */
    public readonly service: 'slack' | 'msteams' | 'webhook',
    /** Channel (without `#`) or webhook name. */
    public readonly recipient: string,
  ) {}
}
