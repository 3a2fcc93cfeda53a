// Types of bundle-entries.js, for the tests that read the table (test/lifecycle/bundle.test.ts).
/** Chunk name (dist/bundle/<name>.js) → the tsc output module in dist/ it bundles. */
export declare const ENTRIES: Readonly<Record<string, string>>;
