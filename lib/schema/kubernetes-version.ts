/** The Kubernetes release the built-in schemas describe; a module of its own so that naming it loads nothing. */
export const KUBERNETES_VERSION = '1.28';
