export declare const projectRoot: string;
export declare const buildInputs: string[];
export declare const buildOutputs: string[];
export declare const stampFile: string;
export declare function inputsHash(root?: string): string;
export declare function whyStale(root?: string, hash?: string): string | undefined;
export declare function recordBuild(root: string, hash: string): void;
