export * from './collect';
export * from './compare';
export * from './dist-tree';
export * from './dist-writer';
export * from './layout';
export * from './serialize';
export * from './synthesize';
export * from './policy-gate';
