/** Types of require-node.mjs (plain JavaScript so it runs before tsx; see there). */
export declare const requiredNodeMajor: number;
export declare function nodeVersionProblem(version: string): string | null;
