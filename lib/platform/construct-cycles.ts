import { IConstruct } from 'constructs';

/**
 * The first dependency cycle between constructs of one app, as their paths below the app
 * (`web -> worker -> web`), or undefined. Argo CD sync waves inside an app follow these
 * dependencies, and a cycle has no valid order, so it is an error as a cycle between apps is.
 */
export function constructCycle(app: IConstruct): string[] | undefined {
  const inApp = (c: IConstruct) => c !== app && c.node.scopes.includes(app);
  const name = (c: IConstruct) => c.node.path.slice(app.node.path.length + 1);
  const done = new Set<IConstruct>();
  const stack: IConstruct[] = [];
  const visit = (construct: IConstruct): string[] | undefined => {
    if (done.has(construct)) return undefined;
    const at = stack.indexOf(construct);
    if (at >= 0) return [...stack.slice(at), construct].map(name);
    stack.push(construct);
    const targets = construct.node.dependencies.filter(inApp).sort((a, b) => (a.node.path < b.node.path ? -1 : 1));
    for (const target of targets) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    done.add(construct);
    return undefined;
  };
  for (const construct of app.node.findAll().filter(inApp)) {
    const cycle = visit(construct);
    if (cycle) return cycle;
  }
  return undefined;
}
