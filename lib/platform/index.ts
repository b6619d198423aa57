export * from './app-chart';
export * from './app-settings';
export * from './contracts';
export * from './dependencies';
export * from './environment';
export * from './namespace-scheme';
export * from './platform';
export * from './protection';
