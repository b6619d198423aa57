/** How carefully an environment treats resources that leave Git. */
export enum Protection {
  /** Removing an object from Git deletes it, including cloud resources. For dev and previews. */
  NONE = 'none',
  /**
   * Stateful resources are never deleted by the controller or the GitOps engine when their
   * object leaves Git; the real resource is orphaned and must be removed by a person.
   */
  PROTECTED = 'protected',
}
