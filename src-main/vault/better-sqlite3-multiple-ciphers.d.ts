// The package ships typings (index.d.ts), but its package.json "exports" hides them from TypeScript's
// bundler resolution. This ambient declaration points the module name at those same typings.
// (A tsconfig `paths` entry would do it too, but tsx follows `paths` at run time and would load the .d.ts.)
declare module 'better-sqlite3-multiple-ciphers' {
  type Typings = typeof import('../../node_modules/better-sqlite3-multiple-ciphers/index');
  const Database: Typings;
  namespace Database {
    type Database = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Database;
    type Statement<P extends unknown[] | object = unknown[], R = unknown> = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Statement<P, R>;
    type Options = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Options;
    type RunResult = import('../../node_modules/better-sqlite3-multiple-ciphers/index').RunResult;
  }
  export = Database;
}
