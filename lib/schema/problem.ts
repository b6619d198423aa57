/** One problem with one object: where (a JSON path such as `.spec.replicas`, `.` for the object) and what. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}
